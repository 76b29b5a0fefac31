"""docker/'s Prometheus rules and Grafana dashboard name only metrics the portal exports."""

import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import immportal.metrics  # noqa: F401 (registers the portal's metrics)

DOCKER = Path(__file__).resolve().parents[2] / "docker"
NAME = re.compile(r"\bimmportal_[a-z_]+\b")


def exported_samples() -> set[str]:
    """Every sample name the portal's metrics can produce (with _count, _bucket, ...)."""
    names: set[str] = set()
    for family in REGISTRY.collect():
        if family.name.startswith("immportal_"):
            base = family.name
            names |= {base, f"{base}_total", f"{base}_count", f"{base}_sum", f"{base}_bucket"}
    return names


def expressions() -> dict[str, str]:
    """Every PromQL expression in the alert rules and the dashboard, by where it is."""
    found: dict[str, str] = {}
    rules = yaml.safe_load((DOCKER / "prometheus" / "alerts.yaml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            found[f"alert {rule['alert']}"] = rule["expr"]
    dashboard = json.loads((DOCKER / "grafana" / "dashboards" / "immportal.json").read_text())
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            found[f"panel {panel['title']} {target['refId']}"] = target["expr"]
    return found


class TestMonitoringFiles:
    """A renamed metric breaks this test, not a dashboard nobody looks at until an outage."""

    def test_every_expression_names_an_exported_metric(self) -> None:
        """Each immportal_* name in the rules and panels is one the portal exports."""
        exported = exported_samples()
        unknown = {
            where: sorted(set(NAME.findall(expr)) - exported)
            for where, expr in expressions().items()
            if set(NAME.findall(expr)) - exported
        }
        assert {} == unknown

    def test_rules_cover_what_the_operators_watch(self) -> None:
        """Projection lag, relay lag, dead letters, server errors and readiness each alert."""
        alerts = " ".join(
            expr for where, expr in expressions().items() if where.startswith("alert")
        )
        for metric in (
            "immportal_projection_lag_events",
            "immportal_relay_lag_events",
            'outcome="dead_lettered"',
            'status=~"5.."',
            'route="/readyz"',
        ):
            assert metric in alerts

    def test_prometheus_scrapes_both_processes_and_loads_the_rules(self) -> None:
        """The scrape config reads the web and worker listeners and the alert rules file."""
        config = yaml.safe_load((DOCKER / "prometheus" / "prometheus.yaml").read_text())
        targets = {
            t
            for job in config["scrape_configs"]
            for s in job["static_configs"]
            for t in s["targets"]
        }
        assert {"web:9464", "worker:9464"} == targets
        assert ["/etc/prometheus/alerts.yaml"] == config["rule_files"]
