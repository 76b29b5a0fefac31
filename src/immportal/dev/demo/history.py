"""A year of synthetic case history for demonstrations: ~150 planned cases in every status.

The plan is pure and deterministic for a seed and a moment: which form, office and
status each case ends in, and when each of its steps happened. Forms take typical
times that differ by office, so the processing-times page and the analysts'
dashboards show real numbers. Applicants are made-up ids with no account and no
contact details, so nobody is ever emailed about these cases.
services/demo_history_events.py turns the plan into back-dated events.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus

S = CaseStatus
OFFICES = ("NBC", "PSC", "CSC", "NYC", "NSC", "TSC")
TYPICAL_DAYS = {FormType.I90: 150, FormType.I765: 80, FormType.I130: 240, FormType.N400: 180}
"""Typical days from acceptance to decision of each form at an office of average pace."""
OFFICE_PACE = {"NBC": 1.0, "PSC": 0.85, "CSC": 1.15, "NYC": 1.4, "NSC": 0.9, "TSC": 1.05}
INTERVIEWED = frozenset({FormType.I130, FormType.N400})
"""Forms whose cases always have an interview."""
DEFAULT_SEED = 2024

# How many synthetic cases end in each status (150 in all).
STATUS_COUNTS: dict[CaseStatus, int] = {
    S.DRAFT: 6,
    S.SUBMITTED: 6,
    S.REJECTED: 4,
    S.ACCEPTED: 5,
    S.BIOMETRICS_SCHEDULED: 6,
    S.BIOMETRICS_MISSED: 3,
    S.BIOMETRICS_ATTENDED: 5,
    S.ASSIGNED: 8,
    S.EVIDENCE_REQUESTED: 6,
    S.EVIDENCE_RECEIVED: 4,
    S.INTERVIEW_SCHEDULED: 4,
    S.INTERVIEW_COMPLETED: 3,
    S.DECISION_PROPOSED: 4,
    S.DECISION_REVIEWED: 3,
    S.APPROVED: 45,
    S.DENIED: 12,
    S.APPEALED: 3,
    S.REOPENED: 3,
    S.WITHDRAWN: 6,
    S.CLOSED: 14,
}

# Where each step falls between acceptance (0) and the decision (1).
STEP_AT = {
    "schedule_biometrics": 0.03,
    "attend_biometrics": 0.15,
    "miss_biometrics": 0.15,
    "transfer": 0.2,
    "assign": 0.3,
    "request_evidence": 0.45,
    "receive_evidence": 0.6,
    "schedule_interview": 0.65,
    "complete_interview": 0.8,
    "withdraw": 0.5,
    "propose_approval": 0.9,
    "propose_denial": 0.9,
    "propose_for_review": 0.9,
    "review": 0.95,
    "issue": 1.0,
}
# How far along an open case is, as a share of its form's typical time (low, high).
PROGRESS = {
    S.ACCEPTED: (0.005, 0.03),
    S.BIOMETRICS_SCHEDULED: (0.04, 0.12),
    S.BIOMETRICS_MISSED: (0.2, 0.3),
    S.BIOMETRICS_ATTENDED: (0.2, 0.3),
    S.ASSIGNED: (0.35, 0.9),
    S.EVIDENCE_REQUESTED: (0.5, 0.8),
    S.EVIDENCE_RECEIVED: (0.65, 1.0),
    S.INTERVIEW_SCHEDULED: (0.7, 0.9),
    S.INTERVIEW_COMPLETED: (0.85, 1.1),
    S.DECISION_PROPOSED: (0.95, 1.4),
    S.DECISION_REVIEWED: (1.0, 1.5),
    S.WITHDRAWN: (0.5, 1.0),
}
_AFTER_DECISION = {
    S.APPROVED: (),
    S.DENIED: (),
    S.CLOSED: ("close",),
    S.APPEALED: ("appeal",),
    S.REOPENED: ("appeal", "reopen"),
}


@dataclass(frozen=True)
class Step:
    """One command of a planned case, when it happened, and the time it books if any."""

    kind: str
    at: datetime
    appointment_at: datetime | None = None
    office: str | None = None


@dataclass(frozen=True)
class PlannedCase:
    """A synthetic case: who filed what where, how it ends, and its steps in order."""

    applicant_id: str
    form_type: FormType
    office: str
    status: CaseStatus
    steps: tuple[Step, ...]


def step_kinds(status: CaseStatus, form: FormType, rng: random.Random) -> list[str]:
    """The commands (after starting) that lead a case of this form to `status`."""
    if status is S.DRAFT:
        return []
    if status in (S.SUBMITTED, S.REJECTED):
        return ["submit"] + (["reject", "refund"] if status is S.REJECTED else [])
    kinds = ["submit", "accept"]
    if status is not S.ACCEPTED:
        kinds.append("schedule_biometrics")
    if status is S.BIOMETRICS_MISSED:
        return [*kinds, "miss_biometrics"]
    if status in (S.ACCEPTED, S.BIOMETRICS_SCHEDULED):
        return kinds
    kinds.append("attend_biometrics")
    if rng.random() < 0.1:
        kinds.append("transfer")
    if status in (S.BIOMETRICS_ATTENDED, S.WITHDRAWN):
        return kinds + (["withdraw"] if status is S.WITHDRAWN else [])
    kinds.append("assign")
    wants_evidence = status in (S.EVIDENCE_REQUESTED, S.EVIDENCE_RECEIVED) or (
        status not in (S.ASSIGNED, S.INTERVIEW_SCHEDULED, S.INTERVIEW_COMPLETED)
        and rng.random() < 0.3
    )
    if wants_evidence:
        kinds.append("request_evidence")
        if status is not S.EVIDENCE_REQUESTED:
            kinds.append("receive_evidence")
    interviews = status in (S.INTERVIEW_SCHEDULED, S.INTERVIEW_COMPLETED) or (
        form in INTERVIEWED
        and status not in (S.ASSIGNED, S.EVIDENCE_REQUESTED, S.EVIDENCE_RECEIVED)
    )
    if interviews:
        kinds.append("schedule_interview")
        if status is not S.INTERVIEW_SCHEDULED:
            kinds.append("complete_interview")
    if status in PROGRESS:
        return _proposal(kinds, status)
    denied = status in (S.DENIED, S.APPEALED, S.REOPENED)
    kinds += ["propose_denial", "review"] if denied else ["propose_approval"]
    return [*kinds, "issue", *_AFTER_DECISION[status]]


def _proposal(kinds: list[str], status: CaseStatus) -> list[str]:
    if status is S.DECISION_PROPOSED:
        return [*kinds, "propose_for_review"]
    if status is S.DECISION_REVIEWED:
        return [*kinds, "propose_for_review", "review"]
    return kinds


def plan_case(number: int, status: CaseStatus, rng: random.Random, now: datetime) -> PlannedCase:
    """Plan one case that ends in `status`, with its steps spread over the past year."""
    form = rng.choice(list(FormType))
    office = rng.choice(OFFICES)
    pace = TYPICAL_DAYS[form] * OFFICE_PACE[office] * rng.lognormvariate(0, 0.3)
    typical = min(max(pace, 15.0), 340.0)
    kinds = step_kinds(status, form, rng)
    if "accept" in kinds:
        days = _accepted_days(kinds, status, typical, rng)
    else:  # drafts, filings waiting for acceptance and rejected filings
        back = rng.uniform(1, 6) if status is S.SUBMITTED else rng.uniform(2, 300)
        days = [back + 5 * (len(kinds) - i) for i in range(len(kinds))]
    start = days[0] + rng.uniform(0.5, 20) if days else rng.uniform(1, 60)
    times = _times(now, [start, *days], rng)
    steps = [Step("start", times[0])]
    for index, kind in enumerate(kinds):
        following = kinds[index + 1] if index + 1 < len(kinds) else None
        held_at = times[index + 2] if following in _HELD else None
        steps.append(_step(kind, times[index + 1], held_at, now, office, rng))
    applicant = f"synthetic-applicant-{number:03d}-{rng.getrandbits(32):08x}"
    return PlannedCase(applicant, form, office, status, tuple(steps))


# The steps that record an appointment as held (or missed) at the time it was booked for.
_HELD = frozenset({"attend_biometrics", "miss_biometrics", "complete_interview"})


def _accepted_days(
    kinds: list[str], status: CaseStatus, typical: float, rng: random.Random
) -> list[float]:
    """Days before now of each step of an accepted case, from its submission on."""
    after_accept = kinds[kinds.index("accept") + 1 :]
    if "issue" in kinds:
        # Long forms were decided recently, so that every case began within about a year.
        decided = rng.uniform(2, max(10.0, 350 - typical))
        accepted, span = decided + typical, typical
    else:
        low, high = PROGRESS.get(status, (0.005, 0.03))
        accepted = typical * rng.uniform(low, high) + 0.5
        # The latest step happened a little while ago; the others are spread before it.
        latest = rng.uniform(0.1, min(accepted / 3, 10))
        last_share = max([STEP_AT[k] for k in after_accept], default=1.0)
        span = (accepted - latest) / last_share
    decided = accepted - span
    post = [k for k in after_accept if k not in STEP_AT]
    days = [accepted + rng.uniform(1, 10), accepted]
    for kind in after_accept:
        if kind in STEP_AT:
            days.append(accepted - span * STEP_AT[kind])
        else:  # after the decision (appeal, reopen, close), spread from then until now
            days.append(decided - decided / (len(post) + 1) * (post.index(kind) + 1))
    return days


def _times(now: datetime, days_ago: list[float], rng: random.Random) -> list[datetime]:
    """Moments that many days before now, in office hours, strictly one after the other."""
    times: list[datetime] = []
    for days in days_ago:
        moment = now - timedelta(days=max(days, 0.01))
        moment = moment.replace(hour=rng.randint(9, 16), minute=rng.randint(0, 59))
        moment = moment.replace(second=0, microsecond=0)
        if times and moment <= times[-1]:
            moment = times[-1] + timedelta(minutes=rng.randint(1, 30))
        times.append(min(moment, now))
    return times


def _step(
    kind: str,
    at: datetime,
    held_at: datetime | None,
    now: datetime,
    office: str,
    rng: random.Random,
) -> Step:
    if kind in ("schedule_biometrics", "schedule_interview"):
        # An appointment still to come is booked a few days to weeks ahead.
        ahead = now + timedelta(days=rng.uniform(3, 25))
        when = held_at or ahead.replace(minute=0, second=0, microsecond=0)
        return Step(kind, at, appointment_at=when)
    if kind == "transfer":
        return Step(kind, at, office=rng.choice([o for o in OFFICES if o != office]))
    return Step(kind, at)


def plan_history(
    now: datetime, *, seed: int = DEFAULT_SEED, counts: dict[CaseStatus, int] | None = None
) -> list[PlannedCase]:
    """Every planned case, the same for the same seed and moment."""
    # Demonstration data only: a seeded, repeatable generator is what is wanted here.
    rng = random.Random(seed)  # noqa: S311
    plans: list[PlannedCase] = []
    for status, count in (counts or STATUS_COUNTS).items():
        for _ in range(count):
            plans.append(plan_case(len(plans) + 1, status, rng, now))
    return plans
