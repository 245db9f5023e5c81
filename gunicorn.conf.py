"""gunicorn's settings for Vigie (read from the working folder; each can be set on the command line).

VIGIE_BIND (127.0.0.1:8000), WEB_CONCURRENCY (worker processes, 3) and WEB_THREADS (threads per
worker, 4) come from the environment.
"""

import os

bind = os.environ.get("VIGIE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests (with some jitter), so memory cannot creep.
max_requests = 5000
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
