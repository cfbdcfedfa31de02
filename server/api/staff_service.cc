// fascia.v1.StaffService over ResourceCrud<StaffMember>.
#include "api/handle.h"
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/staff_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class StaffServiceImpl final : public v1::StaffService::Service {
 public:
  explicit StaffServiceImpl(const ApiContext& ctx) : ctx_(ctx), crud_(*ctx.db, StaffMemberType(), ctx.clock) {}

  grpc::Status CreateStaffMember(grpc::ServerContext* context, const v1::CreateStaffMemberRequest* r, v1::StaffMember* out) override {
    return Handle(ctx_, context, "fascia.v1.StaffService/CreateStaffMember", *r, [&](Caller& caller) {
      return Reply(crud_.Create(caller, r->parent(), r->staff_member(), r->staff_member_id(), r->request_id()), out);
    });
  }
  grpc::Status GetStaffMember(grpc::ServerContext* context, const v1::GetStaffMemberRequest* r, v1::StaffMember* out) override {
    return Handle(ctx_, context, "fascia.v1.StaffService/GetStaffMember", *r, [&](Caller& caller) {
      return Reply(crud_.Get(caller, r->name()), out);
    });
  }
  grpc::Status ListStaffMembers(grpc::ServerContext* context, const v1::ListStaffMembersRequest* r, v1::ListStaffMembersResponse* out) override {
    return Handle(ctx_, context, "fascia.v1.StaffService/ListStaffMembers", *r, [&](Caller& caller) {
      return ReplyPage(
        crud_.List(caller, r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_staff_members(), out);
    });
  }
  grpc::Status UpdateStaffMember(grpc::ServerContext* context, const v1::UpdateStaffMemberRequest* r, v1::StaffMember* out) override {
    return Handle(ctx_, context, "fascia.v1.StaffService/UpdateStaffMember", *r, [&](Caller& caller) {
      return Reply(crud_.Update(caller, r->staff_member(), r->update_mask()), out);
    });
  }
  grpc::Status DeleteStaffMember(grpc::ServerContext* context, const v1::DeleteStaffMemberRequest* r, v1::StaffMember* out) override {
    return Handle(ctx_, context, "fascia.v1.StaffService/DeleteStaffMember", *r, [&](Caller& caller) {
      return Reply(crud_.Delete(caller, r->name(), r->etag()), out);
    });
  }

 private:
  ApiContext ctx_;
  ResourceCrud<v1::StaffMember> crud_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewStaffService(const ApiContext& ctx) {
  return std::make_unique<StaffServiceImpl>(ctx);
}

}  // namespace fascia::api
