"""The client's resources (``client.chat``, ``client.images``, ...), sync and async."""
