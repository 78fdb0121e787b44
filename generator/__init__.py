"""journeydocs: customer-journey playbooks from Markdown + YAML into an offline website."""

__version__ = "0.1.0"
