"""pressespiegel: a self-hosted media monitor that turns a stream of news into a press review."""

__version__ = "0.1.0"
