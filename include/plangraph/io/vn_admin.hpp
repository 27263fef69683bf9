#pragma once
// Vietnam's administrative units since 1 July 2025 (two-level local government), read from the
// vn-admin-2025 folder (provinces.csv, communes.csv, unit_changes.csv; see its SOURCE.md) into
// units: the centre "VN" → 34 provinces and centrally-run cities → 3,321 communes, wards and
// special zones. Keys are the official codes (text, leading zeros kept), the weight is the
// natural area in km², and the `type` attribute says province/city or commune/ward/special_zone.
// With an as-of date, the reclassifications of unit_changes.csv effective on or before it apply.
//
// The dated hierarchy (read_vn_admin_dated; DESIGN.md, "Units over time"). The tables give the
// 3,321 new communes and, in commune_merges.csv, the 10,052 old (pre-July-2025) communes each was
// formed from; they do not give the 63 old provinces nor the old districts. So:
//   - the 34 provinces and the centre are undated (the tables do not say when each province was
//     formed, and each keeps the code of one of the old ones);
//   - new communes exist from 2025-07-01; old communes until 2025-06-30, keyed "old:" + their
//     code (old and new codes overlap: 00004 is both Phường Trúc Bạch and Phường Ba Đình), named
//     as in the table, level commune, type from the name (ward, commune, township), weight 0
//     (no area is published for them);
//   - an old commune hangs under the new province it flows into (no old commune flows into two
//     provinces), so "as it was" before July 2025 shows the old communes under today's 34
//     provinces, the nearest the tables allow;
//   - on 2025-07-01 each old commune passes to the new units of its rows: whole for `full`, in
//     equal parts for `partial` unless `shares` gives them (old code, new code) → share;
//   - a user adds the old provinces and districts, or better shares, through the same units.csv
//     and successions.csv (options.additions): an added unit whose key is already loaded
//     replaces that row (to hang an old commune under its old district), other rows are added.
// The reclassifications of unit_changes.csv are dated attribute changes (type and name), read by
// read_vn_admin_changes and queried with value_as_of; units carry their 1 July 2025 values.
#include "../date.hpp"
#include "../detail/csv_reader.hpp"
#include "../draft.hpp"
#include "../error.hpp"
#include "../validate.hpp"
#include "csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph::io {

namespace detail {

/// A small CSV table read with plangraph's CSV reader: header, then rows of cells by column name.
struct table {
    std::string file{};
    std::map<std::string, std::size_t, std::less<>> column{};  // name → 0-based position
    std::vector<std::vector<std::string>> rows{};
    std::vector<std::size_t> lines{};

    const std::string& cell(std::size_t row, std::string_view name) const { return rows[row][column.find(name)->second]; }
    location at(std::size_t row, std::string_view name) const {
        return {file, lines[row], column.find(name)->second + 1};
    }
};

/// Reads `dir/name`; a missing required column or a row of the wrong width is a problem in `out`
/// (the table is then empty or lacks that row). An unreadable file throws parse_error.
inline table read_table(const std::filesystem::path& dir, const char* name,
                        std::initializer_list<std::string_view> required, std::vector<problem>& out) {
    table t;
    t.file = (dir / name).string();
    std::string text = plangraph::detail::read_file(dir / name);  // refuses what is not a regular file
    bool header = true, usable = true;
    plangraph::detail::for_each_csv_record(text, t.file, out, [&](const plangraph::detail::csv_record& r) {
        if (header) {
            header = false;
            for (std::size_t i = 0; i < r.cells.size(); ++i) t.column.emplace(std::string(r.cells[i]), i);
            for (auto col : required)
                if (!t.column.contains(col)) {
                    out.push_back({problem_kind::missing_column, "missing column " + std::string(col), {}, {t.file, r.line, 0}});
                    usable = false;
                }
            return;
        }
        if (!usable) return;
        if (r.cells.size() != t.column.size()) {
            out.push_back({problem_kind::malformed,
                           std::to_string(r.cells.size()) + " cells where the header has " + std::to_string(t.column.size()),
                           {}, {t.file, r.line, 0}});
            return;
        }
        t.rows.emplace_back(r.cells.begin(), r.cells.end());
        t.lines.push_back(r.line);
    });
    if (header) out.push_back({problem_kind::malformed, "empty file, no header", {}, {t.file, 0, 0}});
    return t;
}

/// The area cell as a non-negative number; a problem (and 0) when it is not one.
inline double area(const table& t, std::size_t row, std::vector<problem>& out) {
    const std::string& s = t.cell(row, "area_km2");
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v) || v < 0) {
        out.push_back({problem_kind::malformed, "area_km2 '" + s + "' is not a non-negative number",
                       {t.cell(row, "code")}, t.at(row, "area_km2")});
        return 0;
    }
    return v;
}

inline unit_row admin_unit(const table& t, std::size_t row, std::string parent, const char* level,
                           std::vector<problem>& out) {
    unit_row u;
    u.value.key = t.cell(row, "code");
    u.value.name = t.cell(row, "name");
    u.value.weight = area(t, row, out);
    u.parent = std::move(parent);
    u.level = level;
    u.line = t.lines[row];
    u.extra.items.push_back({"type", t.cell(row, "type")});
    return u;
}

/// Applies the reclassifications effective on or before `as_of`, in date order.
inline void apply_changes(const table& changes, date as_of, std::vector<unit_row>& units, std::vector<problem>& out) {
    std::map<std::string, std::size_t, std::less<>> by_code;
    for (std::size_t i = 0; i < units.size(); ++i) by_code.emplace(units[i].value.key, i);
    std::vector<std::pair<date, std::size_t>> due;
    for (std::size_t r = 0; r < changes.rows.size(); ++r) {
        auto effective = parse_date(changes.cell(r, "effective"));
        if (!effective) {
            out.push_back({problem_kind::malformed, "effective '" + changes.cell(r, "effective") + "' is not a date YYYY-MM-DD",
                           {changes.cell(r, "code")}, changes.at(r, "effective")});
            continue;
        }
        if (*effective <= as_of) due.push_back({*effective, r});
    }
    std::stable_sort(due.begin(), due.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto [day, r] : due) {
        const std::string& code = changes.cell(r, "code");
        auto it = by_code.find(code);
        if (it == by_code.end()) {
            out.push_back({problem_kind::unknown_reference, "change of unknown unit " + code, {code}, changes.at(r, "code")});
            continue;
        }
        auto& u = units[it->second];
        auto& type = u.extra.items.front().second;
        if (type != changes.cell(r, "old_type")) {
            out.push_back({problem_kind::invalid_value,
                           "unit " + code + " is a " + type + ", not a " + changes.cell(r, "old_type") + " as the change says",
                           {code}, changes.at(r, "old_type")});
            continue;
        }
        type = changes.cell(r, "new_type");
        if (!changes.cell(r, "new_name").empty()) u.value.name = changes.cell(r, "new_name");
    }
}

inline model_draft read_vn_admin_files(const std::filesystem::path& dir, std::optional<date> as_of) {
    model_draft d;
    auto& out = d.problems;
    auto provinces = detail::read_table(dir, "provinces.csv", {"code", "name", "type", "area_km2"}, out);
    auto communes = detail::read_table(dir, "communes.csv", {"code", "name", "type", "province_code", "area_km2"}, out);

    unit_row centre;
    centre.value = {.key = "VN", .name = "Việt Nam", .weight = 0.0};
    centre.level = "centre";
    centre.extra.items.push_back({"type", "country"});
    d.units.push_back(std::move(centre));
    for (std::size_t r = 0; r < provinces.rows.size(); ++r) {
        // Units come from two files but the draft keeps one per kind: provinces are named by id.
        d.units.push_back(detail::admin_unit(provinces, r, "VN", "province", out));
        d.units.back().line = 0;
        d.units.front().value.weight += d.units.back().value.weight;
    }
    for (std::size_t r = 0; r < communes.rows.size(); ++r)
        d.units.push_back(detail::admin_unit(communes, r, communes.cell(r, "province_code"), "commune", out));
    // Unknown province codes are the likely reference problem: point at the communes' column.
    d.unit_columns.file = communes.file;
    if (communes.column.contains("province_code"))
        d.unit_columns.column = {{"parent", communes.column.find("province_code")->second + 1}};

    if (as_of) {
        auto changes = detail::read_table(dir, "unit_changes.csv",
                                          {"code", "level", "effective", "old_type", "new_type", "new_name"}, out);
        detail::apply_changes(changes, *as_of, d.units, out);
    }
    return d;
}

}  // namespace detail

/// The units of `dir` (the vn-admin-2025 folder) as a draft: the centre, then the provinces, then
/// the communes in file order. Problems in the files are in the draft's `problems` (validate and
/// build report them, invalid UTF-8 included); a missing or unreadable file, or one that is not
/// a regular file, throws parse_error.
inline model_draft read_vn_admin(const std::filesystem::path& dir, std::optional<date> as_of = {}) {
    return plangraph::detail::at_the_door(dir.string(), [&] { return detail::read_vn_admin_files(dir, as_of); });
}

/// The units of `dir` as a model (levels centre → province → commune); throws invalid_model
/// with every problem of the files, or parse_error when a file cannot be read.
template <class Model = model>
Model load_vn_admin(const std::filesystem::path& dir, std::optional<date> as_of = {}) {
    return build<Model>(read_vn_admin(dir, as_of));
}

/// An attribute of a unit that changes on a date ("type" or "name").
struct dated_change {
    std::string unit{};
    std::string field{};
    date effective{boost::gregorian::not_a_date_time};
    std::string before{}, after{};

    bool operator==(const dated_change&) const = default;
};

/// `field` of `unit` as of `day`: the last change effective on or before it, else `original`.
inline std::string value_as_of(std::span<const dated_change> changes, std::string_view unit, std::string_view field,
                               std::string original, date day) {
    std::optional<date> latest;
    for (const auto& c : changes)
        if (c.unit == unit && c.field == field && c.effective <= day && (!latest || *latest <= c.effective))
            latest = c.effective, original = c.after;
    return original;
}

/// The reclassifications of unit_changes.csv as dated changes of `type` and (when it changes)
/// `name`, in file order. Throws parse_error for a missing file or a bad row.
inline std::vector<dated_change> read_vn_admin_changes(const std::filesystem::path& dir) {
    std::vector<problem> out;
    auto t = detail::read_table(dir, "unit_changes.csv", {"code", "effective", "old_type", "new_type", "old_name", "new_name"}, out);
    std::vector<dated_change> changes;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        auto day = parse_date(t.cell(r, "effective"));
        if (!day) out.push_back({problem_kind::malformed, "effective '" + t.cell(r, "effective") + "' is not a date YYYY-MM-DD",
                                 {t.cell(r, "code")}, t.at(r, "effective")});
        if (!day) continue;
        changes.push_back({t.cell(r, "code"), "type", *day, t.cell(r, "old_type"), t.cell(r, "new_type")});
        if (!t.cell(r, "new_name").empty() && t.cell(r, "new_name") != t.cell(r, "old_name"))
            changes.push_back({t.cell(r, "code"), "name", *day, t.cell(r, "old_name"), t.cell(r, "new_name")});
    }
    if (!out.empty()) throw parse_error(out.front().where, out.front().message);
    return changes;
}

/// Options of the dated hierarchy: shares of partial rows, and a directory of units.csv and
/// successions.csv to add (old provinces and districts).
struct vn_admin_options {
    std::map<std::pair<std::string, std::string>, double> shares{};  // (old code, new code) → share
    std::optional<std::filesystem::path> additions{};
};

/// The day the two-level local government began.
inline date vn_reorganisation_day() { return date(2025, 7, 1); }

/// The key of an old commune.
inline std::string old_commune_key(std::string_view code) { return "old:" + std::string(code); }

namespace detail {

inline std::string old_type(std::string_view name) {
    if (name.starts_with("Phường")) return "ward";
    if (name.starts_with("Thị trấn")) return "township";
    return "commune";
}

/// Adds the rows of `dir`'s units.csv and successions.csv: a unit whose key is loaded replaces it.
inline void add_rows(model_draft& d, const std::filesystem::path& dir) {
    model_draft more;
    for (auto which : {model_file::units, model_file::successions})
        if (std::filesystem::exists(dir / file_name(which)))
            read_model_csv(more, which, plangraph::detail::read_file(dir / file_name(which)), (dir / file_name(which)).string());
    d.problems.insert(d.problems.end(), more.problems.begin(), more.problems.end());
    if (!more.units.empty()) {
        std::map<std::string, std::size_t, std::less<>> by_key;
        for (std::size_t i = 0; i < d.units.size(); ++i) by_key.emplace(d.units[i].value.key, i), d.units[i].line = 0;
        for (auto& row : more.units)
            if (auto it = by_key.find(row.value.key); it != by_key.end()) d.units[it->second] = std::move(row);
            else d.units.push_back(std::move(row));
        d.unit_columns = more.unit_columns;  // the loaded rows point nowhere: they are the shipped data
    }
    if (!more.successions.empty()) {
        for (auto& row : d.successions) row.line = 0;
        d.successions.insert(d.successions.end(), more.successions.begin(), more.successions.end());
        d.succession_columns = more.succession_columns;
    }
}

}  // namespace detail

/// The dated hierarchy of `dir` as a draft (see the top of this header): the centre, the
/// provinces, the new communes, the old communes, the successions of 2025-07-01, then the
/// additions. Problems are in the draft; a missing file throws parse_error.
inline model_draft read_vn_admin_dated(const std::filesystem::path& dir, const vn_admin_options& options = {}) {
    model_draft d = read_vn_admin(dir);
    auto& out = d.problems;
    const date day = vn_reorganisation_day();
    std::map<std::string, std::string, std::less<>> province_of;
    for (auto& row : d.units)
        if (row.level == "commune") row.value.valid_from = day, province_of.emplace(row.value.key, row.parent);
    auto merges = detail::read_table(dir, "commune_merges.csv", {"code", "old_code", "old_name", "kind"}, out);
    std::map<std::string, bool, std::less<>> seen;
    for (std::size_t r = 0; r < merges.rows.size(); ++r) {
        const auto& old_code = merges.cell(r, "old_code");
        const auto& code = merges.cell(r, "code");
        auto key = old_commune_key(old_code);
        if (seen.emplace(old_code, true).second) {
            unit_row u;
            u.value = {.key = key, .name = merges.cell(r, "old_name"), .weight = 0.0, .valid_to = day - boost::gregorian::days(1)};
            auto p = province_of.find(code);
            u.parent = p == province_of.end() ? std::string("VN") : p->second;
            u.level = "commune";
            u.extra.items.push_back({"type", detail::old_type(u.value.name)});
            d.units.push_back(std::move(u));
        }
        succession_row s;
        s.from = key;
        s.to = code;
        s.value.on = day;
        if (auto it = options.shares.find({old_code, code}); it != options.shares.end()) s.value.share = it->second;
        if (merges.cell(r, "kind") != "partial" && merges.cell(r, "kind") != "full")
            out.push_back({problem_kind::invalid_value, "kind '" + merges.cell(r, "kind") + "' is neither full nor partial",
                           {old_code}, merges.at(r, "kind")});
        s.line = merges.lines[r];
        d.successions.push_back(std::move(s));
    }
    d.succession_columns.file = merges.file;
    for (auto [col, field] : {std::pair{"old_code", "from"}, std::pair{"code", "to"}})
        if (auto it = merges.column.find(col); it != merges.column.end()) d.succession_columns.column.emplace(field, it->second + 1);
    if (options.additions) detail::add_rows(d, *options.additions);
    return d;
}

/// The dated hierarchy as a model; throws invalid_model with every problem.
template <class Model = model>
Model load_vn_admin_dated(const std::filesystem::path& dir, const vn_admin_options& options = {}) {
    return build<Model>(read_vn_admin_dated(dir, options));
}

}  // namespace plangraph::io
