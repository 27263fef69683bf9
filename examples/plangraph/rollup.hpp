#pragma once
// `plangraph rollup --model DIR --as-of DATE [--format table|json|csv] [--rule default|all-children-green]`
// Per unit, over the unit hierarchy (its own tasks plus all its descendants'): the counts and
// rates of DESIGN.md, weighted completion, duration-weighted percent complete, indicators met
// and the traffic light. JSON: an array with one object per unit, in model order; a rate is null
// when its denominator is 0. The table lists units in hierarchy order, indented by depth.
#include "cli.hpp"

#include <plangraph/aggregate.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/traffic_light.hpp>
#include <plangraph/validate.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace plangraph::cli {

namespace rollup_detail {

inline std::string percent_text(std::optional<double> r) {
    if (!r) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", *r * 100.0);
    return buf;
}

inline std::string number_text(std::optional<double> v) {
    if (!v) return "";
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, *v).ptr;  // shortest text that reads back exactly
    return std::string(buf, end);
}

// Terminal width of UTF-8 text: one column per code point.
inline std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

inline std::string pad(const std::string& s, std::size_t w, bool right) {
    std::string fill(w > width(s) ? w - width(s) : 0, ' ');
    return right ? fill + s : s + fill;
}

inline std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

inline nlohmann::json rate_json(std::optional<double> r) { return r ? nlohmann::json(*r) : nlohmann::json(nullptr); }

}  // namespace rollup_detail

inline int run_rollup(const options& opts) {
    using namespace rollup_detail;
    auto dir = opts.require("model");
    auto as_of_text = opts.require("as-of");
    auto as_of = parse_date(as_of_text);
    if (!as_of) throw usage_error("--as-of '" + as_of_text + "' is not a date YYYY-MM-DD");
    auto fmt = output_format(opts);
    auto rule = opts.get("rule").value_or("default");
    if (rule != "default" && rule != "all-children-green")
        throw usage_error("unknown --rule '" + rule + "' (default or all-children-green)");
    opts.reject_unknown();

    model m;
    try {
        m = load_model_dir(dir);
    } catch (const invalid_model& e) {
        for (const auto& p : e.problems()) std::cerr << to_string(p) << '\n';
        return model_problems;
    } catch (const parse_error& e) {
        throw usage_error(e.what());
    } catch (const model_error& e) {
        std::cerr << e.what() << '\n';
        return model_problems;
    }

    const auto units = m.unit_hierarchy();
    const auto rows = rollup_units(m, *as_of);
    const auto values = aggregate_indicators(m);
    const auto indicators = count_indicators(m, values);
    const auto rules = rule == "default" ? light_rules{} : light_rules::all_children_green();
    const auto lights = traffic_lights(units, rows, indicators, rules);
    auto parent_key = [&](unit_id u) { return is_none(m[u].parent) ? std::string{} : m[m[u].parent].key; };

    if (fmt == format::json) {
        auto out = nlohmann::json::array();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            auto u = make_id<unit_id>(i);
            const auto& c = rows[i];
            out.push_back({{"unit", m[u].key},
                           {"name", m[u].name},
                           {"level", m.level_name(u)},
                           {"parent", is_none(m[u].parent) ? nlohmann::json(nullptr) : nlohmann::json(parent_key(u))},
                           {"total", c.total()},
                           {"done", c.done()},
                           {"done_on_time", c.done_on_time()},
                           {"done_late", c.done_late()},
                           {"in_progress", c.in_progress()},
                           {"overdue", c.overdue()},
                           {"cancelled", c.cancelled()},
                           {"completion_rate", rate_json(c.completion_rate())},
                           {"on_time_rate", rate_json(c.on_time_rate())},
                           {"weight", c.weight},
                           {"weight_done", c.weight_done},
                           {"weighted_completion", rate_json(c.weighted_completion())},
                           {"percent_complete", rate_json(c.percent_complete())},
                           {"indicators", indicators[i].subtree.total},
                           {"indicators_met", indicators[i].subtree.met},
                           {"status", std::string(to_string(lights[i]))}});
        }
        std::cout << out.dump(2) << '\n';
        return success;
    }
    if (fmt == format::csv) {
        std::cout << "unit,name,level,parent,total,done,done_on_time,done_late,in_progress,overdue,cancelled,"
                     "completion_rate,on_time_rate,weighted_completion,percent_complete,indicators,indicators_met,"
                     "status\n";
        for (std::size_t i = 0; i < rows.size(); ++i) {
            auto u = make_id<unit_id>(i);
            const auto& c = rows[i];
            std::cout << csv_cell(m[u].key) << ',' << csv_cell(m[u].name) << ',' << csv_cell(m.level_name(u)) << ','
                      << csv_cell(parent_key(u)) << ',' << c.total() << ',' << c.done() << ',' << c.done_on_time()
                      << ',' << c.done_late() << ',' << c.in_progress() << ',' << c.overdue() << ',' << c.cancelled()
                      << ',' << number_text(c.completion_rate()) << ',' << number_text(c.on_time_rate()) << ','
                      << number_text(c.weighted_completion()) << ',' << number_text(c.percent_complete()) << ','
                      << indicators[i].subtree.total << ',' << indicators[i].subtree.met << ',' << to_string(lights[i])
                      << '\n';
        }
        return success;
    }

    // A table for a person: hierarchy order, names indented by depth, a totals line.
    std::vector<std::vector<std::string>> table;
    table.push_back({"unit", "level", "total", "done", "on time", "late", "in progress", "overdue", "cancelled",
                     "done %", "on time %", "indicators met", "status"});
    auto line = [&](const std::string& name, const std::string& level, const status_counts& c,
                    const indicator_counts& ind, const std::string& status) {
        table.push_back({name, level, std::to_string(c.total()), std::to_string(c.done()),
                         std::to_string(c.done_on_time()), std::to_string(c.done_late()),
                         std::to_string(c.in_progress()), std::to_string(c.overdue()), std::to_string(c.cancelled()),
                         percent_text(c.completion_rate()), percent_text(c.on_time_rate()),
                         ind.total ? std::to_string(ind.met) + "/" + std::to_string(ind.total) : "-", status});
    };
    status_counts all;
    indicator_counts all_ind;
    for (unit_id u : units.pre_order()) {
        std::string name(2 * units.depth(u), ' ');
        name += m[u].key + " " + m[u].name;
        line(name, m.level_name(u), rows[index(u)], indicators[index(u)].subtree, std::string(to_string(lights[index(u)])));
    }
    for (unit_id r : units.roots()) all += rows[index(r)], all_ind += indicators[index(r)].subtree;
    if (units.roots().size() > 1) line("total", "", all, all_ind, "");
    std::vector<std::size_t> w(table.front().size(), 0);
    for (const auto& r : table)
        for (std::size_t k = 0; k < r.size(); ++k) w[k] = std::max(w[k], width(r[k]));
    for (const auto& r : table) {
        std::string out;
        for (std::size_t k = 0; k < r.size(); ++k) {
            if (k) out += "  ";
            out += pad(r[k], w[k], k >= 2 && k + 1 < r.size());
        }
        out.erase(out.find_last_not_of(' ') + 1);
        std::cout << out << '\n';
    }
    std::cout << "as of " << format_date(*as_of) << ": " << all.done() << "/" << all.total() << " tasks done ("
              << percent_text(all.completion_rate()) << "), " << all.done_on_time() << " on schedule, "
              << all.overdue() << " overdue; " << all_ind.met << "/" << all_ind.total << " indicators met\n";
    return success;
}

}  // namespace plangraph::cli
