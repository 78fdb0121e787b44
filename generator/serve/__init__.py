"""journeydocs serve: preview a playbook and rebuild it on every save."""
