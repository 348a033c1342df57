"""oncoguide: plain-language, cited answers to cancer questions, grounded in NCI content."""

__version__ = "0.1.0"
