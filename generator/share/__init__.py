"""Sharing a playbook: audiences (internal/external), single-file exports, change
history from git, and evidence."""
