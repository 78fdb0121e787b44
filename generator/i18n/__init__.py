"""Every UI string of the site, per language, and number/date formatting."""
