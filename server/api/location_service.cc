// fascia.v1.LocationService: locations and their rooms over ResourceCrud.
#include "api/handle.h"
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
      : ctx_(ctx), locations_(*ctx.db, LocationType(), ctx.clock), rooms_(*ctx.db, RoomType(), ctx.clock) {}

  grpc::Status CreateLocation(grpc::ServerContext* context, const v1::CreateLocationRequest* r, v1::Location* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/CreateLocation", *r, [&](Caller& caller) {
      return Reply(locations_.Create(caller, r->parent(), r->location(), r->location_id(), r->request_id()),
                 out);
    });
  }
  grpc::Status GetLocation(grpc::ServerContext* context, const v1::GetLocationRequest* r, v1::Location* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/GetLocation", *r, [&](Caller& caller) {
      return Reply(locations_.Get(caller, r->name()), out);
    });
  }
  grpc::Status ListLocations(grpc::ServerContext* context, const v1::ListLocationsRequest* r, v1::ListLocationsResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/ListLocations", *r, [&](Caller& caller) {
      return ReplyPage(
        locations_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_locations(), out);
    });
  }
  grpc::Status UpdateLocation(grpc::ServerContext* context, const v1::UpdateLocationRequest* r, v1::Location* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/UpdateLocation", *r, [&](Caller& caller) {
      return Reply(locations_.Update(caller, r->location(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteLocation(grpc::ServerContext* context, const v1::DeleteLocationRequest* r, v1::Location* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/DeleteLocation", *r, [&](Caller& caller) {
      return Reply(locations_.Delete(caller, r->name(), r->etag()), out);
    });
  }

  grpc::Status CreateRoom(grpc::ServerContext* context, const v1::CreateRoomRequest* r, v1::Room* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/CreateRoom", *r, [&](Caller& caller) {
      return Reply(rooms_.Create(caller, r->parent(), r->room(), r->room_id(), r->request_id()), out);
    });
  }
  grpc::Status GetRoom(grpc::ServerContext* context, const v1::GetRoomRequest* r, v1::Room* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/GetRoom", *r, [&](Caller& caller) {
      return Reply(rooms_.Get(caller, r->name()), out);
    });
  }
  grpc::Status ListRooms(grpc::ServerContext* context, const v1::ListRoomsRequest* r, v1::ListRoomsResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/ListRooms", *r, [&](Caller& caller) {
      return ReplyPage(
        rooms_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_rooms(), out);
    });
  }
  grpc::Status UpdateRoom(grpc::ServerContext* context, const v1::UpdateRoomRequest* r, v1::Room* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/UpdateRoom", *r, [&](Caller& caller) {
      return Reply(rooms_.Update(caller, r->room(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteRoom(grpc::ServerContext* context, const v1::DeleteRoomRequest* r, v1::Room* out) override {
    return Handle(ctx_, context, "fascia.v1.LocationService/DeleteRoom", *r, [&](Caller& caller) {
      return Reply(rooms_.Delete(caller, r->name(), r->etag()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::Location> locations_;
  ResourceCrud<v1::Room> rooms_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewLocationService(const ApiContext& ctx) {
  return std::make_unique<LocationServiceImpl>(ctx);
}

}  // namespace fascia::api
