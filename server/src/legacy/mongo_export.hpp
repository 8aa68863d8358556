#pragma once
// Reading the old portal's MongoDB export (docs/migration.md) into a domain::LegacyExport, and
// writing the import's report. Used by `portal import legacy-mongo` and the import API.
//
// A collection file is what mongoexport writes: one document per line, documents one after the
// other (--pretty), or one JSON array (--jsonArray, pretty or not); UTF-8 with or without a BOM,
// LF or CRLF; Extended JSON in relaxed or canonical form ({"$oid"}, {"$date": "…"},
// {"$date": {"$numberLong": "…"}}, $numberInt/$numberLong/$numberDouble/$numberDecimal).
// A file that is not that (broken JSON, a line that is not a document, a malformed $date) is an
// error naming the file and the line; a document whose fields have unexpected types is a
// read problem, reported, and the rest goes on.

#include <boost/json/fwd.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/legacy_import.hpp"

namespace portal::legacy {

// The collections read, in the order they are reported.
inline constexpr std::string_view kCollections[] = {"simpleorganizations", "simpleusers", "anthropicapikeys",
                                                    "prompts"};

// Reads DIR/<collection>.json for each collection; a missing file is an empty collection
// (listed in missing_files). kInvalidArgument when DIR is not a folder or a file is malformed.
Result<domain::LegacyExport> ReadExportDirectory(const std::filesystem::path& dir);

// The same from file contents (an upload): file name ("simpleusers.json" or "simpleusers",
// any folder prefix ignored) → text. Files of other names are ignored.
Result<domain::LegacyExport> ReadExport(const std::map<std::string, std::string>& files);

// The report as JSON (the CLI's --report and the API's answer): {"dryRun", "anthropic", "syncRunId",
// "changed", "counts": {kind: {"created", "matched", "skipped"}}, "problems": [{"kind",
// "collection", "legacyId", "message"}]}.
boost::json::object ReportJson(const domain::ImportReport& report);

// The report as the command line prints it: a table of counts, then one line per problem.
std::string ReportText(const domain::ImportReport& report);

}  // namespace portal::legacy
