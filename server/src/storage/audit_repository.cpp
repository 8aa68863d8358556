#include <string>

#include "storage/cursor.hpp"
#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kInsertAuditEvent[] =
    "INSERT INTO audit_events (id, actor_id, action, target_type, target_id, organization_id,"
    " request_id, details_json, created_at) VALUES (:id, :actor_id, :action, :target_type,"
    " :target_id, :organization_id, :request_id, :details_json, :created_at)";
// List: fragments joined according to the filters present; values are always bound.
constexpr char kSelectAuditEvents[] =
    "SELECT id, actor_id, action, target_type, target_id, organization_id, request_id,"
    " details_json, created_at FROM audit_events WHERE 1 = 1";
constexpr char kFromAuditEvents[] = "FROM audit_events WHERE 1 = 1";
constexpr char kAuditByOrganization[] = " AND organization_id = :organization_id";
constexpr char kAuditByActor[] = " AND actor_id = :actor_id";
constexpr char kAuditByAction[] = " AND action = :action";
constexpr char kAuditBeforeCursor[] = " AND id < :cursor";
constexpr char kAuditNewestFirst[] = " ORDER BY id DESC LIMIT :limit";
constexpr char kAuditInIdOrder[] = " ORDER BY id DESC";

constexpr ConstraintRule kAppendRules[] = {
    {"audit_events.id", "audit_events_pkey", ErrorCode::kConflict, "audit event id already exists"},
};

}  // namespace

Status SqlAuditRepository::Append(const domain::AuditEvent& event) {
  return conn_.Write("audit.append", kAppendRules, [&]() -> Status {
    std::string id = event.id, actor_id = event.actor_id.value_or(""), action = event.action,
                target_type = event.target_type, target_id = event.target_id,
                organization_id = event.organization_id.value_or(""), request_id = event.request_id,
                details_json = event.details_json;
    soci::indicator actor_ind = event.actor_id ? soci::i_ok : soci::i_null;
    soci::indicator organization_ind = event.organization_id ? soci::i_ok : soci::i_null;
    long long created_at = event.created_at;
    conn_.sql() << kInsertAuditEvent, soci::use(id, "id"), soci::use(actor_id, actor_ind, "actor_id"),
        soci::use(action, "action"), soci::use(target_type, "target_type"), soci::use(target_id, "target_id"),
        soci::use(organization_id, organization_ind, "organization_id"), soci::use(request_id, "request_id"),
        soci::use(details_json, "details_json"), soci::use(created_at, "created_at");
    return {};
  });
}

Result<domain::Page<domain::AuditEvent>> SqlAuditRepository::List(const domain::AuditQuery& query) {
  if (query.page.cursor && !IsIdCursor(*query.page.cursor, "aud"))
    return Fail(Error::InvalidArgument("invalid cursor"));
  return conn_.Read("audit.list", [&]() -> Result<domain::Page<domain::AuditEvent>> {
    ReadSnapshot snapshot(conn_);
    std::string organization_id = query.organization_id.value_or("");
    std::string actor_id = query.actor_id.value_or("");
    std::string action = query.action.value_or("");
    std::string cursor = query.page.cursor.value_or("");
    const long long limit = ClampLimit(query.page.limit);
    long long fetch = limit + 1;

    std::string filters;
    if (query.organization_id) filters += kAuditByOrganization;
    if (query.actor_id) filters += kAuditByActor;
    if (query.action) filters += kAuditByAction;
    auto bind_filters = [&](soci::statement& st) {
      if (query.organization_id) st.exchange(soci::use(organization_id, "organization_id"));
      if (query.actor_id) st.exchange(soci::use(actor_id, "actor_id"));
      if (query.action) st.exchange(soci::use(action, "action"));
    };

    domain::Page<domain::AuditEvent> page;
    // Counted in the page's order, so that each filter's (column, id) index answers the count as
    // it does the page (PostgreSQL's planner would otherwise read a frequent action's rows by a
    // sequential scan until it has 10 001).
    SetCappedTotal(page, CountCapped(conn_, kFromAuditEvents + filters + kAuditInIdOrder, bind_filters));

    domain::AuditEvent row;
    std::string row_actor, row_organization;
    soci::indicator actor_ind = soci::i_null, organization_ind = soci::i_null;
    long long created_at = 0;
    CachedStatement st(
        conn_, kSelectAuditEvents + filters + (query.page.cursor ? kAuditBeforeCursor : "") + kAuditNewestFirst);
    st->exchange(soci::into(row.id));
    st->exchange(soci::into(row_actor, actor_ind));
    st->exchange(soci::into(row.action));
    st->exchange(soci::into(row.target_type));
    st->exchange(soci::into(row.target_id));
    st->exchange(soci::into(row_organization, organization_ind));
    st->exchange(soci::into(row.request_id));
    st->exchange(soci::into(row.details_json));
    st->exchange(soci::into(created_at));
    bind_filters(*st);
    if (query.page.cursor) st->exchange(soci::use(cursor, "cursor"));
    st->exchange(soci::use(fetch, "limit"));
    st.Bind();
    st->execute();
    while (st->fetch()) {
      if (static_cast<long long>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        break;
      }
      domain::AuditEvent event = row;
      event.actor_id = actor_ind == soci::i_ok ? std::optional(row_actor) : std::nullopt;
      event.organization_id = organization_ind == soci::i_ok ? std::optional(row_organization) : std::nullopt;
      event.created_at = created_at;
      page.items.push_back(std::move(event));
    }
    return page;
  });
}

}  // namespace portal::storage
