#include <string>

#include "storage/sql_repositories.hpp"

namespace portal::storage {
namespace {

constexpr char kSelectLegacyId[] =
    "SELECT object_id FROM legacy_ids WHERE collection = :collection AND legacy_id = :legacy_id";
constexpr char kInsertLegacyId[] =
    "INSERT INTO legacy_ids (collection, legacy_id, object_id, imported_at)"
    " VALUES (:collection, :legacy_id, :object_id, :imported_at)";

constexpr ConstraintRule kInsertRules[] = {
    {"UNIQUE constraint failed: legacy_ids", "legacy_ids_pkey", ErrorCode::kConflict,
     "this legacy document was already imported"},
};

}  // namespace

Result<std::optional<std::string>> SqlLegacyIdRepository::Find(std::string_view collection,
                                                               std::string_view legacy_id) {
  return conn_.Read("legacy_ids.find", [&]() -> Result<std::optional<std::string>> {
    std::string c(collection), l(legacy_id), object_id;
    soci::statement st = (conn_.sql().prepare << kSelectLegacyId, soci::into(object_id), soci::use(c, "collection"),
                          soci::use(l, "legacy_id"));
    if (!st.execute(true)) return std::optional<std::string>();
    return std::optional<std::string>(std::move(object_id));
  });
}

Status SqlLegacyIdRepository::Insert(std::string_view collection, std::string_view legacy_id,
                                     std::string_view object_id, std::int64_t now) {
  return conn_.Write("legacy_ids.insert", kInsertRules, [&]() -> Status {
    std::string c(collection), l(legacy_id), o(object_id);
    long long at = now;
    conn_.sql() << kInsertLegacyId, soci::use(c, "collection"), soci::use(l, "legacy_id"), soci::use(o, "object_id"),
        soci::use(at, "imported_at");
    return {};
  });
}

}  // namespace portal::storage
