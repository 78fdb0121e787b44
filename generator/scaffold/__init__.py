"""Starting a playbook: journeydocs init and new, and the JSON Schemas."""
