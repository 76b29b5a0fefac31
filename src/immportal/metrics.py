"""The portal's Prometheus metrics: what an operator watches, with no personal data in labels.

One module of definitions, imported wherever something is counted or timed, so the names stay
one family (`immportal_*`) and a dashboard can rely on them. Labels are closed sets (a route's
template, an outcome's name, a read model's name), never an id, an address or a receipt number.
The listener that serves them is started by the composition root (`app/metrics_server.py`).
"""

from prometheus_client import Counter, Gauge, Histogram

# Pages answer in milliseconds; a slow one is the thing to see, so the buckets are fine below 0.1 s.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

http_request_seconds = Histogram(
    "immportal_http_request_seconds",
    "Time to answer a request, by route template, method and status.",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)

event_append_seconds = Histogram(
    "immportal_event_append_seconds",
    "Time to commit one group of appends to the event log.",
    buckets=LATENCY_BUCKETS,
)
event_append_group_events = Histogram(
    "immportal_event_append_group_events",
    "Events committed together in one group (group commit).",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096),
)
event_append_conflicts = Counter(
    "immportal_event_append_conflicts_total",
    "Appends refused because their aggregate had moved on (stale version).",
)

projection_position = Gauge(
    "immportal_projection_position", "Last log position a read model has applied.", ["projection"]
)
projection_lag = Gauge(
    "immportal_projection_lag_events",
    "Events a read model is behind the newest position this process has heard of.",
    ["projection"],
)
projection_batch_seconds = Histogram(
    "immportal_projection_batch_seconds",
    "Time to apply one batch of events to a read model.",
    ["projection"],
    buckets=LATENCY_BUCKETS,
)

relay_position = Gauge("immportal_relay_position", "Last log position the broker confirmed.")
relay_lag = Gauge(
    "immportal_relay_lag_events", "Events written but not yet confirmed by the broker."
)
relay_confirmed = Counter(
    "immportal_relay_confirmed_messages_total", "Messages the broker confirmed to the relay."
)

consumer_deliveries = Counter(
    "immportal_consumer_deliveries_total",
    "Messages delivered to a consumer, by outcome (handled, retried, dead_lettered, requeued).",
    ["consumer", "outcome"],
)

uploads = Counter(
    "immportal_uploads_total",
    "Document uploads by outcome (stored, duplicate, refused, infected, failed).",
    ["outcome"],
)
scanner_errors = Counter(
    "immportal_scanner_errors_total", "Times the virus scanner could not be reached or answered."
)
blob_store_errors = Counter(
    "immportal_blob_store_errors_total",
    "Object store operations that failed, by operation.",
    ["op"],
)

sign_ins = Counter(
    "immportal_sign_ins_total",
    "Sign-in steps by outcome (signed_in, wrong_password, delayed, wrong_code, ...).",
    ["outcome"],
)
