#!/usr/bin/python3
"""A small Fascia integration in Python: find a free slot and book it.

It shows the four things every integration does: connect (with an API key
when the server requires one), search availability, book idempotently, and
read the booking back. Errors print the server's reason and each bad field
from google.rpc.Status, the way any integration should report them.

    PYTHONPATH=build/clients/python/gen python3 clients/python/fascia_example.py \
        --server 127.0.0.1:50051 --location organizations/demo/locations/london \
        --service organizations/demo/services/swedish-60 \
        --client organizations/demo/clients/dana

Exit status: 0 booked, 1 the server refused, 2 no free slot in the window.
"""

import argparse
import datetime
import sys
import uuid

import grpc
from google.protobuf import timestamp_pb2

from fascia.v1 import appointment_service_pb2 as appointments
from fascia.v1 import appointment_service_pb2_grpc as appointments_grpc
from fascia.v1 import location_service_pb2 as locations
from fascia.v1 import location_service_pb2_grpc as locations_grpc
from fascia.v1 import resources_pb2
from google.rpc import error_details_pb2, status_pb2


def connect(server, api_key_file):
    """A channel to fasciad; every call carries the API key if one is given."""
    channel = grpc.insecure_channel(server)
    if not api_key_file:
        return channel
    with open(api_key_file, encoding="utf-8") as f:
        key = f.read().strip()
    return grpc.intercept_channel(channel, _BearerToken(key))


class _BearerToken(grpc.UnaryUnaryClientInterceptor):
    def __init__(self, key):
        self._metadata = (("authorization", "Bearer " + key),)

    def intercept_unary_unary(self, continuation, details, request):
        details = details._replace(metadata=tuple(details.metadata or ()) + self._metadata)
        return continuation(details, request)


def describe_error(error):
    """The code, message, ErrorInfo reason and field violations of an RPC error."""
    lines = [f"{error.code().name}: {error.details()}"]
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            bad_request = error_details_pb2.BadRequest()
            if detail.Unpack(info):
                lines.append(f"  reason: {info.reason} ({info.domain})")
            elif detail.Unpack(bad_request):
                for v in bad_request.field_violations:
                    lines.append(f"  field {v.field}: {v.description}")
    return "\n".join(lines)


def timestamp(dt):
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(dt)
    return ts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--api-key-file", help="file holding an API key (once the server needs one)")
    parser.add_argument("--location", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--client", required=True)
    parser.add_argument("--days", type=int, default=7, help="how far ahead to look")
    args = parser.parse_args()

    channel = connect(args.server, args.api_key_file)
    scheduling = appointments_grpc.AppointmentServiceStub(channel)
    try:
        location = locations_grpc.LocationServiceStub(channel).GetLocation(
            locations.GetLocationRequest(name=args.location), timeout=10)
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        found = scheduling.SearchAvailability(appointments.SearchAvailabilityRequest(
            location=args.location, service=args.service, client=args.client,
            start_time=timestamp(now), end_time=timestamp(now + datetime.timedelta(days=args.days)),
            page_size=10), timeout=10)
        if not found.slots:
            print(f"no free slot in the next {args.days} days")
            return 2
        slot = found.slots[0]
        offer = slot.offers[0]  # the first staff member free then, and their room
        # One request_id per intended booking: a retry after a timeout cannot book twice.
        request = appointments.BookAppointmentRequest(
            parent=args.location, request_id=str(uuid.uuid4()),
            appointment=resources_pb2.Appointment(
                client=args.client, service=args.service,
                # An offer names its staff member and room by position in the page's lists.
                staff_member=found.staff_members[offer.staff_member_index],
                room=found.rooms[offer.room_index], start_time=slot.start_time))
        booked = scheduling.BookAppointment(request, timeout=10)
        again = scheduling.BookAppointment(request, timeout=10)
        assert again.name == booked.name, "a retried booking must not book twice"
        read = scheduling.GetAppointment(appointments.GetAppointmentRequest(name=booked.name), timeout=10)
    except grpc.RpcError as error:
        print(describe_error(error), file=sys.stderr)
        return 1

    start = read.start_time.ToDatetime().replace(tzinfo=datetime.timezone.utc)
    print(f"booked {read.name}")
    print(f"  status {resources_pb2.AppointmentStatus.Name(read.status)}, "
          f"staff {read.staff_member}, room {read.room}")
    print(f"  starts {start.isoformat()} (location time zone {location.time_zone})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
