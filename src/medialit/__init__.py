"""medialit: the Python package behind the media-literacy teaching kit."""

__version__ = "0.1.0"
