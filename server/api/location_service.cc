// fascia.v1.LocationService: locations and their rooms over ResourceCrud.
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/location_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class LocationServiceImpl final : public v1::LocationService::Service {
 public:
  explicit LocationServiceImpl(const ApiContext& ctx)
      : locations_(*ctx.db, LocationType(), ctx.clock), rooms_(*ctx.db, RoomType(), ctx.clock) {}

  grpc::Status CreateLocation(grpc::ServerContext*, const v1::CreateLocationRequest* r,
                              v1::Location* out) override {
    return Reply(locations_.Create(r->parent(), r->location(), r->location_id(), r->request_id()),
                 out);
  }
  grpc::Status GetLocation(grpc::ServerContext*, const v1::GetLocationRequest* r,
                           v1::Location* out) override {
    return Reply(locations_.Get(r->name()), out);
  }
  grpc::Status ListLocations(grpc::ServerContext*, const v1::ListLocationsRequest* r,
                             v1::ListLocationsResponse* out) override {
    return ReplyPage(
        locations_.List(r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_locations(), out);
  }
  grpc::Status UpdateLocation(grpc::ServerContext*, const v1::UpdateLocationRequest* r,
                              v1::Location* out) override {
    return Reply(locations_.Update(r->location(), r->update_mask()), out);
  }
  grpc::Status DeleteLocation(grpc::ServerContext*, const v1::DeleteLocationRequest* r,
                              v1::Location* out) override {
    return Reply(locations_.Delete(r->name(), r->etag()), out);
  }

  grpc::Status CreateRoom(grpc::ServerContext*, const v1::CreateRoomRequest* r,
                          v1::Room* out) override {
    return Reply(rooms_.Create(r->parent(), r->room(), r->room_id(), r->request_id()), out);
  }
  grpc::Status GetRoom(grpc::ServerContext*, const v1::GetRoomRequest* r, v1::Room* out) override {
    return Reply(rooms_.Get(r->name()), out);
  }
  grpc::Status ListRooms(grpc::ServerContext*, const v1::ListRoomsRequest* r,
                         v1::ListRoomsResponse* out) override {
    return ReplyPage(
        rooms_.List(r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_rooms(), out);
  }
  grpc::Status UpdateRoom(grpc::ServerContext*, const v1::UpdateRoomRequest* r,
                          v1::Room* out) override {
    return Reply(rooms_.Update(r->room(), r->update_mask()), out);
  }
  grpc::Status DeleteRoom(grpc::ServerContext*, const v1::DeleteRoomRequest* r,
                          v1::Room* out) override {
    return Reply(rooms_.Delete(r->name(), r->etag()), out);
  }

 private:
  ResourceCrud<v1::Location> locations_;
  ResourceCrud<v1::Room> rooms_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewLocationService(const ApiContext& ctx) {
  return std::make_unique<LocationServiceImpl>(ctx);
}

}  // namespace fascia::api
