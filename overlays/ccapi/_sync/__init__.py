# generated from overlays/ccapi/_async/__init__.py by tools/unasync.py; do not edit
"""The I/O half of the runtime: the pipeline's sending loop, streams, jobs, pages and the client, written once.

`ccapi._async` is the source (CCAPI's); `ccapi._sync` (CCAPI's) is rewritten from it by tools/unasync.py and
checked by `nox -s check_generated`. What does no I/O is shared beside them (`ccapi._pipeline`, `ccapi._streaming`,
`ccapi._image_jobs`, `ccapi._pagination`); where sync and async differ by nature, `ccapi._io` is written both ways.
"""
