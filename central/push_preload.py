"""Imported last by the push processes' fork server (central/push_pool.py), after the modules a push
needs: what they made moves out of the cyclic collector's sight there, once, so no push process's
collection walks (and copies, page by page, from the fork server) what they all share."""

import gc

gc.collect()
gc.freeze()
