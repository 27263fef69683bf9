#pragma once
// Vietnam's administrative units since 1 July 2025 (two-level local government), read from the
// vn-admin-2025 folder (provinces.csv, communes.csv, unit_changes.csv; see its SOURCE.md) into
// units: the centre "VN" → 34 provinces and centrally-run cities → 3,321 communes, wards and
// special zones. Keys are the official codes (text, leading zeros kept), the weight is the
// natural area in km², and the `type` attribute says province/city or commune/ward/special_zone.
// With an as-of date, the reclassifications of unit_changes.csv effective on or before it apply.
#include "../date.hpp"
#include "../detail/csv_reader.hpp"
#include "../draft.hpp"
#include "../error.hpp"
#include "../validate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
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

}  // namespace plangraph::io
