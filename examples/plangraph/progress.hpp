#pragma once
// Progress over time on the command line (DESIGN.md, "Progress over time"), shared by the
// reporting commands: the dates of a series and the earned schedule figures of a rollup row.
//
// Dates: `--as-of D1,D2,…` (strictly increasing, each a date within limits.hpp's bounds), or
// `--from D --to D --every week|month|day`, which expands to from, from + 1 step, … while ≤ to
// (series.hpp's expand_dates: a month step keeps the 31st at the end of shorter months). Both
// forms are checked before the model is read: a date out of order, repeated or malformed, or
// --every without --from and --to, or with --as-of, is a usage error naming the argument (exit 2,
// nothing printed).
//
// Earned schedule: with a baseline (the model directory's baseline.csv), every rollup row carries
// planned_value, earned_value, spi, earned_schedule, actual_time and spi_t (earned_schedule.hpp),
// null (JSON) or empty (CSV) where absent; the table shows PV, EV and SPI(t).
#include "cli.hpp"
#include "loader.hpp"

#include <plangraph/earned_schedule.hpp>
#include <plangraph/io/baseline_json.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/series.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph::cli {

/// The as-of dates of a command, as the options give them.
struct series_dates {
    std::vector<date> list{};
    std::optional<date> from{}, to{};
    std::string every{};

    /// The dates, increasing; a usage error when no option gives any or they cannot be expanded.
    std::vector<date> dates() const {
        if (!list.empty()) return list;
        if (every.empty())
            throw usage_error("--as-of is required: give --as-of DATE[,DATE…] or --from DATE --to DATE --every week|month");
        try {
            return expand_dates(*from, *to, *parse_date_step(every));
        } catch (const series_error& e) {
            throw usage_error(std::string("--from/--to/--every: ") + e.what());
        }
    }
};

inline void add_series_options(CLI::App& app, series_dates& s) {
    auto* as_of = app.add_option_function<std::string>(
                          "--as-of",
                          [&s](const std::string& text) {
                              if (text.find(',') == std::string::npos) {  // one date: named as every date option names it
                                  s.list = {checked_date("--as-of", text)};
                                  return;
                              }
                              try {
                                  s.list = parse_date_list(text);
                              } catch (const series_error& e) {
                                  throw CLI::ValidationError("--as-of", e.what());
                              }
                          },
                          "the date the statuses are taken as of; several, comma separated and increasing, for a series")
                      ->type_name("DATE[,DATE...]");
    auto* from = add_date(app, "--from", s.from, "a series from this date (with --to and --every)");
    auto* to = add_date(app, "--to", s.to, "a series up to this date (with --from and --every)");
    auto* every = app.add_option("--every", s.every, "the step of a series from --from to --to")
                      ->check(CLI::IsMember({"week", "month", "day"}))
                      ->type_name("week|month|day");
    every->needs(from)->needs(to)->excludes(as_of);
    from->needs(every)->excludes(as_of);
    to->needs(every)->excludes(as_of);
}

/// Each date's earned schedule per unit (rows[j][unit]); empty when the model has no baseline.
inline std::vector<std::vector<earned_schedule_row>> earned_rows(const loaded_model& loaded, std::span<const date> dates) {
    if (!loaded.agreed) return {};
    return earned_schedule_engine(loaded.model, *loaded.agreed).series(dates);
}

inline constexpr std::string_view earned_columns[] = {"planned_value",   "earned_value", "spi",
                                                      "earned_schedule", "actual_time",  "spi_t"};

/// A rollup CSV header: `as_of` first for a series, the earned schedule columns last with a baseline.
inline std::vector<std::string_view> rollup_csv_columns(std::span<const std::string_view> base, bool series, bool earned) {
    std::vector<std::string_view> out;
    if (series) out.push_back("as_of");
    out.insert(out.end(), base.begin(), base.end());
    if (earned) out.insert(out.end(), std::begin(earned_columns), std::end(earned_columns));
    return out;
}

/// The cells of earned_columns.
inline std::vector<std::string> earned_cells(const earned_schedule_row& r) {
    using detail::number_cell;
    return {number_cell(r.planned_value),   number_cell(r.earned_value),
            number_cell(r.spi),             number_cell(r.earned_schedule),
            r.actual_time ? std::to_string(*r.actual_time) : std::string{}, number_cell(r.spi_t)};
}

/// "12.5": a figure of the table to two decimals at most; "-" when absent.
inline std::string figure_text(std::optional<double> v) {
    if (!v) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", *v);
    std::string s = buf;
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
}

/// The table's compact earned schedule: PV, EV, SPI(t).
inline std::vector<std::string> earned_table_cells(const earned_schedule_row& r) {
    return {figure_text(r.planned_value), figure_text(r.earned_value), figure_text(r.spi_t)};
}

/// A series as JSON: one {"as_of": D, "units": [...]} per date, in date order.
inline nlohmann::json series_json(std::span<const date> dates, std::vector<nlohmann::json> units) {
    auto doc = nlohmann::json::array();
    for (std::size_t j = 0; j < dates.size(); ++j)
        doc.push_back({{"as_of", format_date(dates[j])}, {"units", std::move(units[j])}});
    return doc;
}

}  // namespace plangraph::cli
