"""The load and check stages: files and front matter → the checked model."""
