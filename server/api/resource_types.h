// The configuration resources of the public API as ResourceType
// descriptions (see resource_crud.h): names, validation, filters and
// references for Organization, Location, Room, StaffMember, Service, Client.
#ifndef FASCIA_API_RESOURCE_TYPES_H_
#define FASCIA_API_RESOURCE_TYPES_H_

#include "api/resource_crud.h"
#include "api/stored_document.h"
#include "domain/client_identity.h"
#include "fascia/v1/resources.pb.h"

namespace fascia::api {

ResourceType<fascia::v1::Organization> OrganizationType();
ResourceType<fascia::v1::Location> LocationType();
ResourceType<fascia::v1::Room> RoomType();
ResourceType<fascia::v1::StaffMember> StaffMemberType();
ResourceType<fascia::v1::Service> ServiceType();
ResourceType<fascia::v1::Client> ClientType();

// The facts duplicate detection compares (domain/client_identity.h), and the
// stored lookup key built from them.
domain::PersonFacts PersonFactsOf(const fascia::v1::Client& client);
std::string ClientIdentityKey(const fascia::v1::Client& client);

// The longest a service may last, buffers included (the storage layer's
// overlap queries rely on a bound; see AppointmentRepository::kMaxBlockMicros).
inline constexpr absl::Duration kMaxServiceDuration = absl::Hours(8);
inline constexpr absl::Duration kMaxBuffer = absl::Hours(2);

// Checks, inside a transaction, that `name` is an existing, not deleted
// resource of `kind`; FAILED_PRECONDITION naming `field` otherwise.
absl::Status CheckReference(storage::Connection& c, absl::string_view kind,
                            const std::string& name, const std::string& field);
// The same verdict on a row already read (nullptr: no such row).
absl::Status ReferenceStatus(const storage::StoredResource* row, absl::string_view kind,
                             const std::string& name, const std::string& field);

// Loads a resource another request refers to (a booking's staff member,
// say): NOT_FOUND naming `field` if absent, FAILED_PRECONDITION
// (RESOURCE_DELETED) if soft-deleted. Its etag is the row's revision.
template <typename T>
absl::StatusOr<T> LoadReferenced(storage::Connection& c, absl::string_view kind,
                                 const std::string& name, const std::string& field) {
  ASSIGN_OR_RETURN(auto row, storage::ResourceRepository(std::string(kind)).Get(c, name));
  RETURN_IF_ERROR(ReferenceStatus(row ? &*row : nullptr, kind, name, field));
  return DecodeStored<T>(*row, kind);
}

}  // namespace fascia::api

#endif  // FASCIA_API_RESOURCE_TYPES_H_
