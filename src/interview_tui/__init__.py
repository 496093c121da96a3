"""interview-tui: a terminal guide for client interviews, with notes kept on your own machine."""

__version__ = "0.1.0"
APP_NAME = "interview-tui"
