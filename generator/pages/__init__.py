"""The pages of a site: the one task list, and one module per page kind."""
