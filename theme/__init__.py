"""The default theme: templates and assets, shipped inside the wheel."""
