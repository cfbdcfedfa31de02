// fascia.v1.StaffService over ResourceCrud<StaffMember>.
#include "api/reply.h"
#include "api/resource_types.h"
#include "api/services.h"
#include "fascia/v1/staff_service.grpc.pb.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

class StaffServiceImpl final : public v1::StaffService::Service {
 public:
  explicit StaffServiceImpl(const ApiContext& ctx) : crud_(*ctx.db, StaffMemberType(), ctx.clock) {}

  grpc::Status CreateStaffMember(grpc::ServerContext*, const v1::CreateStaffMemberRequest* r,
                          v1::StaffMember* out) override {
    return Reply(crud_.Create(r->parent(), r->staff_member(), r->staff_member_id(), r->request_id()), out);
  }
  grpc::Status GetStaffMember(grpc::ServerContext*, const v1::GetStaffMemberRequest* r, v1::StaffMember* out) override {
    return Reply(crud_.Get(r->name()), out);
  }
  grpc::Status ListStaffMembers(grpc::ServerContext*, const v1::ListStaffMembersRequest* r,
                         v1::ListStaffMembersResponse* out) override {
    return ReplyPage(
        crud_.List(r->parent(), r->page_size(), r->page_token(), r->filter(), r->show_deleted()),
        out->mutable_staff_members(), out);
  }
  grpc::Status UpdateStaffMember(grpc::ServerContext*, const v1::UpdateStaffMemberRequest* r,
                          v1::StaffMember* out) override {
    return Reply(crud_.Update(r->staff_member(), r->update_mask()), out);
  }
  grpc::Status DeleteStaffMember(grpc::ServerContext*, const v1::DeleteStaffMemberRequest* r,
                          v1::StaffMember* out) override {
    return Reply(crud_.Delete(r->name(), r->etag()), out);
  }

 private:
  ResourceCrud<v1::StaffMember> crud_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewStaffService(const ApiContext& ctx) {
  return std::make_unique<StaffServiceImpl>(ctx);
}

}  // namespace fascia::api
