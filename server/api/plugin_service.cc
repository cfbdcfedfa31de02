// fascia.v1.PluginService: the screening plugins this fasciad loaded, for
// admins: id, version, ABI, mode, modalities, forms, rules and live health
// (a Health call through the plugin's deadline; a plugin that does not
// answer is PLUGIN_UNAVAILABLE). Plugins are per server, not per
// organization, so any organization's key with the permission sees them.
#include "absl/strings/str_cat.h"
#include "api/grpc_status.h"
#include "api/handle.h"
#include "api/reply.h"
#include "api/services.h"
#include "fascia/v1/plugin_service.grpc.pb.h"

namespace fascia::api {

namespace v1 = fascia::v1;

namespace {

constexpr char kPluginPrefix[] = "plugins/";

std::string Method(absl::string_view name) { return absl::StrCat("fascia.v1.PluginService/", name); }

v1::Plugin Describe(plugins::Plugin& plugin) {
  const plugins::PluginInfo& info = plugin.info();
  v1::Plugin out;
  out.set_name(kPluginPrefix + info.plugin_id);
  out.set_plugin_id(info.plugin_id);
  out.set_version(info.version);
  out.set_abi_version(absl::StrCat(info.abi_major, ".", info.abi_minor));
  out.set_mode(info.mode == plugins::Mode::kIsolated ? v1::ISOLATED : v1::IN_PROCESS);
  out.set_path(info.path);
  out.set_concurrent(info.concurrent);
  out.set_restarts(plugin.restarts());
  const auto& d = plugin.descriptor();
  for (const auto& m : d.modalities()) out.add_modalities(m.code());
  for (const auto& f : d.forms()) {
    auto* ref = out.add_forms();
    ref->set_id(f.id());
    ref->set_version(f.version());
  }
  for (const auto& r : d.rules()) out.add_rule_ids(r.id());
  absl::StatusOr<fascia::plugin::v1::HealthResponse> health = plugin.Health();
  if (!health.ok()) {
    out.set_health(v1::PLUGIN_UNAVAILABLE);
    out.set_health_message(absl::StatusCodeToString(health.status().code()));
  } else {
    out.set_health(health->serving() ? v1::PLUGIN_SERVING : v1::PLUGIN_NOT_SERVING);
    out.set_health_message(health->message());
  }
  return out;
}

class PluginServiceImpl final : public v1::PluginService::Service {
 public:
  explicit PluginServiceImpl(const ApiContext& ctx) : ctx_(ctx) {}

  grpc::Status ListPlugins(grpc::ServerContext* context, const v1::ListPluginsRequest* r,
                           v1::ListPluginsResponse* out) override {
    return Handle(ctx_, context, Method("ListPlugins"), *r, [&](Caller& caller) -> grpc::Status {
      absl::Status allowed = AuthorizeServerWide(caller);
      if (!allowed.ok()) return ToGrpcStatus(allowed);
      for (plugins::Plugin* p : ctx_.plugins->all()) *out->add_plugins() = Describe(*p);
      return grpc::Status::OK;
    });
  }

  grpc::Status GetPlugin(grpc::ServerContext* context, const v1::GetPluginRequest* r,
                         v1::Plugin* out) override {
    return Handle(ctx_, context, Method("GetPlugin"), *r, [&](Caller& caller) {
      return Reply(Get(caller, r->name()), out);
    });
  }

 private:
  static absl::Status AuthorizeServerWide(Caller& caller) {
    domain::Target target;
    target.organization = caller.principal().organization;
    return caller.Authorize(target, "plugins");
  }

  absl::StatusOr<v1::Plugin> Get(Caller& caller, const std::string& name) {
    FieldViolations v;
    if (name.rfind(kPluginPrefix, 0) != 0 || name.size() == sizeof(kPluginPrefix) - 1 ||
        name.size() > 128) {
      v.Add("name", "must be plugins/{plugin_id}");
    }
    RETURN_IF_ERROR(v.ToStatus());
    RETURN_IF_ERROR(AuthorizeServerWide(caller));
    plugins::Plugin* p = ctx_.plugins->ById(name.substr(sizeof(kPluginPrefix) - 1));
    if (p == nullptr) return NotFound("plugin", name);
    return Describe(*p);
  }

  ApiContext ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewPluginService(const ApiContext& ctx) {
  return std::make_unique<PluginServiceImpl>(ctx);
}

}  // namespace fascia::api
