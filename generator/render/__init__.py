"""What every page shares: site types, the Jinja environment, common macros, parallel rendering."""
