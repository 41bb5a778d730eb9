"""Operating-system services: memory, skills, watches, background jobs and the model queue.

Each lives in its own small module and is imported only where it is used, so that a
fast-path request never pays for SQLite, watchdog or threads.
"""
