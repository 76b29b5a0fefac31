-- Appointment calendars: one row per slot at a place, and the bookings that fill them.
-- `booked` only ever moves through one guarded UPDATE (booked < capacity), so no slot
-- is ever overbooked, whatever the number of people booking at once.
CREATE TABLE appointment_slots (
    id bigserial PRIMARY KEY,
    location_code text NOT NULL,
    starts_at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0),
    booked integer NOT NULL DEFAULT 0,
    CHECK (booked >= 0 AND booked <= capacity),
    UNIQUE (location_code, starts_at)
);
CREATE INDEX appointment_slots_free ON appointment_slots (location_code, starts_at)
    WHERE booked < capacity;

-- A booking is `held` from the moment its place is taken until the case's event is
-- recorded (then `booked`); a failed or abandoned attempt releases its place.
CREATE TABLE appointment_bookings (
    id uuid PRIMARY KEY,
    slot_id bigint NOT NULL REFERENCES appointment_slots (id),
    case_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('biometrics', 'interview')),
    status text NOT NULL DEFAULT 'held'
        CHECK (status IN ('held', 'booked', 'released', 'attended', 'missed')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_bookings_case ON appointment_bookings (case_id, kind, created_at);
CREATE INDEX appointment_bookings_slot ON appointment_bookings (slot_id) WHERE status <> 'released';
CREATE INDEX appointment_bookings_held ON appointment_bookings (created_at) WHERE status = 'held';

-- How far the automatic booker has read the event log.
CREATE TABLE appointment_worker_positions (
    name text PRIMARY KEY,
    position bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON appointment_slots, appointment_bookings,
    appointment_worker_positions TO {{app_role}};
GRANT USAGE ON SEQUENCE appointment_slots_id_seq TO {{app_role}};
