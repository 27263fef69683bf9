#pragma once
// A whole model as one JSON document, and rollups as JSON (nlohmann-json). Optional header: the
// only one besides io/rollup_json.hpp that names nlohmann, so the core never pays for it.
//
//   {"format": "plangraph-model", "version": 1,
//    "level_names": ["centre", "province", "commune"],
//    "calendar": {"working_weekdays": ["Mon", …, "Fri"], "exceptions": [{"date": "2025-09-01", "working": false}]},
//    "units": [{"id": "VN", "parent": null, "name": "…", "level": 0, "weight": 1.0, "attributes": {"region": "north"}}],
//    "plans": [{"id", "unit", "name", "parent", "issued"}],
//    "tasks": [{"id", "unit", "name", "plan", "parent", "start", "due", "duration", "completed", "percent",
//               "weight", "cancelled", "recurring", "constraint", "constraint_date", "attributes"}],
//    "links": [{"from", "to", "type", "lag"}],
//    "indicators": [{"id", "unit", "name", "plan", "parent", "aggregation", "direction", "target", "actual",
//                    "numerator", "denominator", "weight", "period": {"begin", "end"}, "attributes"}],
//    "successions": [{"from", "to", "date", "share"}],
//    "resources": [{"id", "name", "unit", "capacity"}],
//    "demands": [{"task", "resource", "amount"}]}
//
// A dated model's units also carry "valid_from" and "valid_to" when they have them; units without
// dates, a model without successions and one without resources are written exactly as before
// (the keys are left out).
//
// References are string ids, as in the CSV directory; absent values are null or left out. The
// document keeps the order of its keys (ordered_json), so attributes come back in the order they
// were written and a CSV → model → JSON → model → CSV trip gives the same bytes.
//
// Reading checks every value's type first and throws parse_error naming its JSON path
// ("/tasks/2/duration: expected an integer, got string"): text that is not UTF-8, an integer that
// does not fit its type, a date the model keeps as it is (calendar, a plan's issue date, a period)
// outside limits::in_range. Values are handed over unclipped; then the rows go through
// validate(), which throws invalid_model with every unknown id, cycle and out-of-range value
// (durations, lags, task dates, weights: detail/field_checks.hpp). Either way the caller gets no
// model: nothing is half built, and no nlohmann, Boost or standard exception escapes bare.
//
// Rollups: the functions of io/rollup_json.hpp (to_json, partial_from_json, read_partial,
// write_partial) are brought into plangraph::io; rollup_to_json writes the rows of rollup_units
// as a partial rollup of the whole model, and rollup_from_json reads them back by unit key. On
// the map of a date (placement.hpp), the same with a unit_map: the units on the map, after the
// row "(unmapped)" when the model is dated; read back, the units off the map have empty rows.
#include "../date.hpp"
#include "../detail/door.hpp"
#include "../detail/utf8.hpp"
#include "../draft.hpp"
#include "../error.hpp"
#include "../limits.hpp"
#include "../model.hpp"
#include "../placement.hpp"
#include "../rollup.hpp"
#include "../validate.hpp"
#include "rollup_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace plangraph::io {

using plangraph::counts_from_json;
using plangraph::partial_from_json;
using plangraph::read_partial;
using plangraph::to_json;
using plangraph::write_partial;

/// The model document keeps its keys in order.
using model_json = nlohmann::ordered_json;

namespace detail {

inline constexpr std::array<std::string_view, 7> weekday_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

template <class Data>
const attributes* json_attributes_of(const Data& d) {
    if constexpr (std::is_convertible_v<const Data&, const attributes&>) return &static_cast<const attributes&>(d);
    else return nullptr;
}

inline model_json json_date(const std::optional<date>& d) { return d ? model_json(format_date(*d)) : model_json(nullptr); }
inline model_json json_number(const std::optional<double>& v) { return v ? model_json(*v) : model_json(nullptr); }
template <class Id, class M>
model_json json_key(const M& m, Id id) {
    return is_none(id) ? model_json(nullptr) : model_json(m[id].key);
}
inline model_json json_attributes(const attributes* a) {
    model_json j = model_json::object();
    if (a)
        for (const auto& [k, v] : a->items) j[k] = v;
    return j;
}

/// The fields of one JSON object, read with its path so every error names the value at fault.
class json_object {
public:
    json_object(const model_json& j, std::string path, const std::string& source,
                std::initializer_list<std::string_view> known)
        : j_(j), path_(std::move(path)), source_(source) {
        if (!j.is_object()) fail(path_, std::string("expected an object, got ") + j.type_name());
        for (const auto& [name, value] : j.items()) {
            if (plangraph::detail::first_invalid_utf8(name)) fail(path_, "a field name is not UTF-8");
            if (std::find(known.begin(), known.end(), name) == known.end()) fail(path_ + "/" + name, "unknown field");
        }
    }

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw parse_error({source_, 0, 0}, (path.empty() ? std::string("/") : path) + ": " + what);
    }

    /// The value, or nullptr when absent or null.
    const model_json* find(std::string_view name) const {
        auto it = j_.find(name);
        return it == j_.end() || it->is_null() ? nullptr : &*it;
    }
    std::string at(std::string_view name) const { return path_ + "/" + std::string(name); }

    std::string text(std::string_view name, bool required = false) const {
        const model_json* v = find(name);
        if (!v) {
            if (required) fail(at(name), "missing");
            return {};
        }
        return string_at(*v, at(name));
    }
    /// A string value, refused when it is not UTF-8 (nlohmann would throw only when writing it).
    std::string string_at(const model_json& v, const std::string& path) const {
        if (!v.is_string()) fail(path, std::string("expected a string, got ") + v.type_name());
        const auto& s = v.get_ref<const std::string&>();
        if (auto at = plangraph::detail::first_invalid_utf8(s)) fail(path, plangraph::detail::not_utf8(s, *at));
        return s;
    }
    std::optional<date> day(std::string_view name) const {
        auto s = text(name);
        if (s.empty()) return std::nullopt;
        auto d = parse_date(s);
        if (!d) fail(at(name), "'" + s + "' is not a date YYYY-MM-DD");
        return d;
    }
    /// A date the model keeps as it is (calendar, a plan's issue date, a period): within limits.
    std::optional<date> bounded_day(std::string_view name) const {
        auto d = day(name);
        if (d && !limits::in_range(*d)) fail(at(name), "'" + format_date(*d) + "' is out of range (" + date_range() + ")");
        return d;
    }
    static std::string date_range() { return format_date(limits::min_date()) + ".." + format_date(limits::max_date()); }
    std::optional<double> number(std::string_view name) const {
        const model_json* v = find(name);
        if (!v) return std::nullopt;
        if (!v->is_number()) fail(at(name), std::string("expected a number, got ") + v->type_name());
        return v->get<double>();
    }
    double number_or(std::string_view name, double fallback) const { return number(name).value_or(fallback); }
    /// An integer that fits `Int`, refused (never wrapped) when it does not.
    template <class Int>
    Int integer_or(std::string_view name, Int fallback) const {
        const model_json* v = find(name);
        if (!v) return fallback;
        if (!v->is_number_integer()) fail(at(name), std::string("expected an integer, got ") + v->type_name());
        using lim = std::numeric_limits<Int>;
        bool fits = v->is_number_unsigned()
                        ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(lim::max())
                        : v->get<std::int64_t>() >= lim::min() && v->get<std::int64_t>() <= lim::max();
        if (!fits)
            fail(at(name), v->dump() + " is out of range (" + std::to_string(lim::min()) + ".." +
                               std::to_string(lim::max()) + ")");
        return static_cast<Int>(v->get<std::int64_t>());
    }
    bool flag(std::string_view name) const {
        const model_json* v = find(name);
        if (!v) return false;
        if (!v->is_boolean()) fail(at(name), std::string("expected true or false, got ") + v->type_name());
        return v->get<bool>();
    }
    attributes extra() const {
        attributes a;
        const model_json* v = find("attributes");
        if (!v) return a;
        if (!v->is_object()) fail(at("attributes"), std::string("expected an object, got ") + v->type_name());
        for (const auto& [k, x] : v->items()) {
            if (plangraph::detail::first_invalid_utf8(k)) fail(at("attributes"), "a name is not UTF-8");
            a.items.emplace_back(k, string_at(x, at("attributes") + "/" + k));
        }
        return a;
    }
    /// An array member, empty when absent.
    const model_json& array(std::string_view name) const {
        static const model_json empty = model_json::array();
        const model_json* v = find(name);
        if (!v) return empty;
        if (!v->is_array()) fail(at(name), std::string("expected an array, got ") + v->type_name());
        return *v;
    }

private:
    const model_json& j_;
    std::string path_;
    const std::string& source_;
};

template <class Parse>
auto parse_enum(const json_object& o, std::string_view name, Parse parse, decltype(parse("")) fallback,
                const char* choices) {
    auto s = o.text(name);
    if (s.empty()) return fallback;
    auto v = parse(s);
    if (!v) o.fail(o.at(name), "'" + s + "' is not one of " + choices);
    return v;
}

/// Line and column of a byte offset, for JSON syntax errors.
inline location json_location(std::string_view text, std::size_t byte, const std::string& source) {
    location where{source, 1, 1};
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') ++where.line, where.column = 1;
        else ++where.column;
    }
    return where;
}

}  // namespace detail

/// The model as a JSON document (see the top of this header).
template <class U, class T, class I>
model_json model_to_json(const basic_model<U, T, I>& m) {
    using namespace detail;
    model_json j;
    j["format"] = "plangraph-model";
    j["version"] = 1;
    j["level_names"] = m.level_names();
    model_json weekdays = model_json::array();
    for (std::size_t d = 0; d < 7; ++d)
        if (m.calendar().weekly()[d]) weekdays.push_back(weekday_names[d]);
    model_json exceptions = model_json::array();
    for (const auto& [day, working] : m.calendar().exceptions())
        exceptions.push_back({{"date", format_date(day)}, {"working", working}});
    j["calendar"] = {{"working_weekdays", std::move(weekdays)}, {"exceptions", std::move(exceptions)}};

    auto& units = j["units"] = model_json::array();
    for (std::size_t i = 0; i < m.units().size(); ++i) {
        auto id = make_id<unit_id>(i);
        const unit& u = m[id];
        units.push_back({{"id", u.key}, {"parent", json_key(m, u.parent)}, {"name", u.name}, {"level", u.level},
                         {"weight", u.weight}, {"attributes", json_attributes(json_attributes_of(m.data(id)))}});
        if (u.valid_from) units.back()["valid_from"] = format_date(*u.valid_from);
        if (u.valid_to) units.back()["valid_to"] = format_date(*u.valid_to);
    }
    auto& plans = j["plans"] = model_json::array();
    for (const plan& p : m.plans())
        plans.push_back({{"id", p.key}, {"unit", json_key(m, p.unit)}, {"name", p.name},
                         {"parent", json_key(m, p.parent)}, {"issued", json_date(p.issued)}});
    auto& tasks = j["tasks"] = model_json::array();
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        auto id = make_id<task_id>(i);
        const task_view t = m[id];
        tasks.push_back({{"id", t.key}, {"unit", json_key(m, t.unit)}, {"name", t.name}, {"plan", json_key(m, t.plan)},
                         {"parent", json_key(m, t.parent)}, {"start", json_date(t.start)}, {"due", json_date(t.due)},
                         {"duration", t.duration}, {"completed", json_date(t.completed)}, {"percent", t.percent},
                         {"weight", t.weight}, {"cancelled", t.cancelled}, {"recurring", t.recurring},
                         {"constraint", std::string(to_string(t.constraint.kind))},
                         {"constraint_date", json_date(t.constraint.on)},
                         {"attributes", json_attributes(json_attributes_of(m.data(id)))}});
    }
    auto& links = j["links"] = model_json::array();
    for (const link& l : m.links())
        links.push_back({{"from", m[l.from].key}, {"to", m[l.to].key}, {"type", std::string(to_string(l.type))}, {"lag", l.lag}});
    auto& indicators = j["indicators"] = model_json::array();
    for (std::size_t i = 0; i < m.indicators().size(); ++i) {
        auto id = make_id<indicator_id>(i);
        const indicator& x = m[id];
        model_json period = nullptr;
        if (x.period) period = {{"begin", format_date(x.period->begin())}, {"end", format_date(x.period->end())}};
        indicators.push_back({{"id", x.key}, {"unit", json_key(m, x.unit)}, {"name", x.name}, {"plan", json_key(m, x.plan)},
                              {"parent", json_key(m, x.parent)}, {"aggregation", std::string(to_string(x.agg))},
                              {"direction", std::string(to_string(x.dir))}, {"target", json_number(x.target)},
                              {"actual", json_number(x.actual)}, {"numerator", json_number(x.numerator)},
                              {"denominator", json_number(x.denominator)}, {"weight", x.weight}, {"period", period},
                              {"attributes", json_attributes(json_attributes_of(m.data(id)))}});
    }
    if (m.has_succession_table()) {
        auto& successions = j["successions"] = model_json::array();
        for (const succession& s : m.successions())
            successions.push_back({{"from", m[s.from].key}, {"to", m[s.to].key}, {"date", format_date(s.on)},
                                   {"share", json_number(s.share)}});
    }
    if (!m.resources().empty()) {
        auto& resources = j["resources"] = model_json::array();
        for (const resource& r : m.resources())
            resources.push_back({{"id", r.key}, {"name", r.name}, {"unit", json_key(m, r.unit)}, {"capacity", r.capacity}});
        auto& demands = j["demands"] = model_json::array();
        for (const demand& x : m.demands())
            demands.push_back({{"task", m[x.task].key}, {"resource", m[x.resource].key}, {"amount", x.amount}});
    }
    return j;
}

namespace detail {

/// An indicator's period: a string as parse_period reads it, or {"begin", "end"} (end exclusive);
/// within limits::in_range either way.
inline date_period json_period(const json_object& o, const model_json& p, const std::string& source) {
    auto out_of_range = [&] { o.fail(o.at("period"), "out of range (" + json_object::date_range() + ")"); };
    if (p.is_string()) {
        auto s = o.string_at(p, o.at("period"));
        auto period = plangraph::detail::read_period(s);
        if (period.out_of_range) out_of_range();
        if (!period.period) o.fail(o.at("period"), "'" + s + "' is not a period (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD)");
        return *period.period;
    }
    json_object po(p, o.at("period"), source, {"begin", "end"});
    auto b = po.day("begin"), e = po.day("end");
    if (!b || !e || !(*b < *e)) po.fail(o.at("period"), "expected a begin date before an end date");
    date_period period(*b, *e);
    if (!limits::in_range(period.begin()) || !limits::in_range(period.last())) out_of_range();
    return period;
}

/// The reading itself (model_from_json wraps it at the door).
template <class Model>
Model read_document(const model_json& j, const std::string& source) {
    json_object doc(j, "", source,
                    {"format", "version", "level_names", "calendar", "units", "plans", "tasks", "links", "indicators",
                     "successions", "resources", "demands"});
    if (auto f = doc.text("format"); !f.empty() && f != "plangraph-model")
        doc.fail("/format", "'" + f + "' is not a plangraph model");
    if (auto v = doc.integer_or<int>("version", 1); v != 1) doc.fail("/version", "version " + std::to_string(v) + " is not supported (1 is)");

    std::vector<std::string> level_names = Model{}.level_names();
    if (doc.find("level_names")) {
        level_names.clear();
        const auto& names = doc.array("level_names");
        for (std::size_t i = 0; i < names.size(); ++i) {
            level_names.push_back(doc.string_at(names[i], "/level_names/" + std::to_string(i)));
        }
    }
    calendar cal;
    model_draft d;
    if (const model_json* c = doc.find("calendar")) {
        json_object co(*c, "/calendar", source, {"working_weekdays", "exceptions"});
        if (co.find("working_weekdays")) {
            for (std::size_t w = 0; w < 7; ++w) cal.set_weekday(static_cast<boost::date_time::weekdays>(w), false);
            const auto& days = co.array("working_weekdays");
            for (std::size_t i = 0; i < days.size(); ++i) {
                auto it = days[i].is_string() ? std::find(weekday_names.begin(), weekday_names.end(), days[i].get<std::string>())
                                              : weekday_names.end();
                if (it == weekday_names.end())
                    co.fail("/calendar/working_weekdays/" + std::to_string(i), "expected one of Sun, Mon, Tue, Wed, Thu, Fri, Sat");
                cal.set_weekday(static_cast<boost::date_time::weekdays>(it - weekday_names.begin()), true);
            }
            if (std::ranges::none_of(cal.weekly(), [](bool w) { return w; }))
                co.fail("/calendar/working_weekdays", "no weekday is working, so working days cannot be counted");
        }
        const auto& exceptions = co.array("exceptions");
        for (std::size_t i = 0; i < exceptions.size(); ++i) {
            json_object e(exceptions[i], "/calendar/exceptions/" + std::to_string(i), source, {"date", "working"});
            auto day = e.bounded_day("date");
            if (!day) e.fail(e.at("date"), "missing");
            if (!e.find("working")) e.fail(e.at("working"), "missing");
            d.calendar.push_back({*day, e.flag("working"), 0});
        }
    }

    const auto& units = doc.array("units");
    for (std::size_t i = 0; i < units.size(); ++i) {
        json_object o(units[i], "/units/" + std::to_string(i), source, {"id", "parent", "name", "level", "weight", "attributes",
                                                                              "valid_from", "valid_to"});
        unit_row row;
        row.value.key = o.text("id", true);
        row.value.name = o.text("name");
        row.value.weight = o.number_or("weight", 1.0);
        row.parent = o.text("parent");
        row.value.valid_from = o.day("valid_from");
        row.value.valid_to = o.day("valid_to");
        if (const model_json* level = o.find("level")) {
            if (level->is_string()) {
                auto name = level->get<std::string>();
                auto it = std::find(level_names.begin(), level_names.end(), name);
                if (it == level_names.end()) o.fail(o.at("level"), "'" + name + "' is not in level_names");
                row.level = std::to_string(it - level_names.begin());
            } else {
                auto n = o.integer_or<long long>("level", 0);
                if (n < 0 || n >= level_from_depth) o.fail(o.at("level"), "level " + std::to_string(n) + " is out of range");
                row.level = std::to_string(n);
            }
        }
        row.extra = o.extra();
        d.units.push_back(std::move(row));
    }
    d.succession_table = doc.find("successions") != nullptr;
    const auto& successions = doc.array("successions");
    for (std::size_t i = 0; i < successions.size(); ++i) {
        json_object o(successions[i], "/successions/" + std::to_string(i), source, {"from", "to", "date", "share"});
        succession_row row;
        row.from = o.text("from", true);
        row.to = o.text("to", true);
        auto day = o.day("date");
        if (!day) o.fail(o.at("date"), "missing");
        row.value.on = *day;
        row.value.share = o.number("share");
        d.successions.push_back(std::move(row));
    }
    const auto& plans = doc.array("plans");
    for (std::size_t i = 0; i < plans.size(); ++i) {
        json_object o(plans[i], "/plans/" + std::to_string(i), source, {"id", "unit", "name", "parent", "issued"});
        plan_row row;
        row.value.key = o.text("id", true);
        row.value.name = o.text("name");
        row.value.issued = o.bounded_day("issued");
        row.unit = o.text("unit");
        row.parent = o.text("parent");
        d.plans.push_back(std::move(row));
    }
    const auto& tasks = doc.array("tasks");
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        json_object o(tasks[i], "/tasks/" + std::to_string(i), source,
                      {"id", "unit", "name", "plan", "parent", "start", "due", "duration", "completed", "percent", "weight",
                       "cancelled", "recurring", "constraint", "constraint_date", "attributes"});
        task_row row;
        task& t = row.value;
        t.key = o.text("id", true);
        t.name = o.text("name");
        t.start = o.day("start");
        t.due = o.day("due");
        t.duration = o.integer_or<int>("duration", 0);
        t.completed = o.day("completed");
        t.percent = o.number_or("percent", 0.0);
        t.weight = o.number_or("weight", 1.0);
        t.cancelled = o.flag("cancelled");
        t.recurring = o.flag("recurring");
        t.constraint.kind = *parse_enum(o, "constraint", parse_constraint_kind<>,
                                        constraint_kind::as_soon_as_possible, "ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO");
        t.constraint.on = o.day("constraint_date");
        row.unit = o.text("unit");
        row.plan = o.text("plan");
        row.parent = o.text("parent");
        row.extra = o.extra();
        d.tasks.push_back(std::move(row));
    }
    const auto& links = doc.array("links");
    for (std::size_t i = 0; i < links.size(); ++i) {
        json_object o(links[i], "/links/" + std::to_string(i), source, {"from", "to", "type", "lag"});
        link_row row;
        row.from = o.text("from", true);
        row.to = o.text("to", true);
        row.value.type = *parse_enum(o, "type", parse_link_type<>, link_type::finish_to_start, "FS, SS, FF, SF");
        row.value.lag = o.integer_or<int>("lag", 0);  // its bound is field_checks', as for CSV
        d.links.push_back(std::move(row));
    }
    const auto& indicators = doc.array("indicators");
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        json_object o(indicators[i], "/indicators/" + std::to_string(i), source,
                      {"id", "unit", "name", "plan", "parent", "aggregation", "direction", "target", "actual", "numerator",
                       "denominator", "weight", "period", "attributes"});
        indicator_row row;
        indicator& x = row.value;
        x.key = o.text("id", true);
        x.name = o.text("name");
        x.agg = *parse_enum(o, "aggregation", parse_aggregation<>, aggregation::sum,
                            "sum, mean, weighted_mean, ratio, min, max, last, count_met");
        x.dir = *parse_enum(o, "direction", parse_direction<>, direction::higher_is_better, "higher, lower");
        x.target = o.number("target");
        x.actual = o.number("actual");
        x.numerator = o.number("numerator");
        x.denominator = o.number("denominator");
        x.weight = o.number_or("weight", 1.0);
        if (const model_json* p = o.find("period")) {
            x.period = json_period(o, *p, source);
        }
        row.unit = o.text("unit");
        row.plan = o.text("plan");
        row.parent = o.text("parent");
        row.extra = o.extra();
        d.indicators.push_back(std::move(row));
    }
    const auto& resources = doc.array("resources");
    for (std::size_t i = 0; i < resources.size(); ++i) {
        json_object o(resources[i], "/resources/" + std::to_string(i), source, {"id", "name", "unit", "capacity"});
        resource_row row;
        row.value.key = o.text("id", true);
        row.value.name = o.text("name");
        row.unit = o.text("unit");
        auto capacity = o.number("capacity");  // a number, so that a fractional one is validate()'s to report
        if (!capacity) o.fail(o.at("capacity"), "missing");
        row.capacity = *capacity;
        d.resources.push_back(std::move(row));
    }
    const auto& demands = doc.array("demands");
    for (std::size_t i = 0; i < demands.size(); ++i) {
        json_object o(demands[i], "/demands/" + std::to_string(i), source, {"task", "resource", "amount"});
        demand_row row;
        row.task = o.text("task", true);
        row.resource = o.text("resource", true);
        auto amount = o.number("amount");
        if (!amount) o.fail(o.at("amount"), "missing");
        row.amount = *amount;
        d.demands.push_back(std::move(row));
    }

    Model m = build<Model>(d);  // throws invalid_model with every problem of the rows
    m.set_level_names(std::move(level_names));
    cal.set_exceptions(m.calendar().exceptions());
    m.set_calendar(std::move(cal));
    return m;
}

}  // namespace detail

/// The model of a JSON document. Throws parse_error naming the JSON path of a value of the wrong
/// type or form, invalid_model with every problem of the rows (unknown ids, cycles, bad values).
/// `source` (a file name) prefixes the messages.
template <class Model = model>
Model model_from_json(const model_json& j, const std::string& source = {}) {
    return plangraph::detail::at_the_door(source, [&] { return detail::read_document<Model>(j, source); });
}

/// The model as JSON text, indented by `indent` spaces (-1: one line).
/// Throws `error` for a model whose texts are not UTF-8 (a model built through the API: the
/// loaders refuse such text at the door).
template <class U, class T, class I>
std::string write_model_json(const basic_model<U, T, I>& m, int indent = 2) {
    try {
        return model_to_json(m).dump(indent);
    } catch (const nlohmann::json::exception& e) {
        throw error(std::string("model JSON: ") + e.what());
    }
}

/// Parses JSON text into a model; a syntax error is a parse_error at its line and column.
template <class Model = model>
Model read_model_json(std::string_view text, const std::string& source = {}) {
    if (auto at = plangraph::detail::first_invalid_utf8(text))
        throw parse_error(detail::json_location(text, *at, source), plangraph::detail::not_utf8(text, *at));
    model_json j;
    try {
        j = model_json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {  // syntax, or a number too large for a double
        std::string what = e.what();
        if (auto colon = what.find("parse error"); colon != std::string::npos) what = what.substr(colon);
        throw parse_error(detail::json_location(text, e.byte ? e.byte - 1 : 0, source), "not valid JSON: " + what);
    } catch (const nlohmann::json::exception& e) {
        throw parse_error({source, 0, 0}, std::string("not valid JSON: ") + e.what());
    }
    return model_from_json<Model>(j, source);
}

/// Reads a model file (a regular file only: a FIFO is refused before it is opened); parse_error
/// names the file.
template <class Model = model>
Model load_model_json(const std::filesystem::path& file) {
    return read_model_json<Model>(plangraph::detail::read_file(file), file.string());
}

/// Writes the model to a file (indented JSON and a final newline).
template <class U, class T, class I>
void save_model_json(const basic_model<U, T, I>& m, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << write_model_json(m) << '\n';
    if (!out.flush()) throw error(file.string() + ": cannot write file");
}

// ---- rollups ----------------------------------------------------------------------------------

/// The rows of rollup_units (indexed by unit id) as a partial rollup of the whole model: every
/// unit by key, parents before children, so merge_partials and read_partial take it as it is.
template <class Model>
partial_rollup rollup_document(const Model& m, std::span<const status_counts> rows, date as_of) {
    if (rows.size() != m.units().size())
        throw error("rollup_document: " + std::to_string(rows.size()) + " rows for " + std::to_string(m.units().size()) + " units");
    partial_rollup p{.as_of = as_of};
    const auto& h = m.unit_hierarchy();
    for (unit_id u : h.pre_order()) {
        p.units.push_back(m[u].key);
        p.counts.push_back(rows[index(u)]);
    }
    return p;
}

/// {"as_of": …, "units": [{"unit": key, counts and rates…}, …]}: one row per unit of the model.
template <class Model>
nlohmann::json rollup_to_json(const Model& m, std::span<const status_counts> rows, date as_of) {
    return to_json(rollup_document(m, rows, as_of));
}

/// Rows indexed by unit id from a rollup document; throws parse_error for a unit the model does
/// not have, for a unit listed twice or missing.
template <class Model>
std::vector<status_counts> rollup_from_json(const Model& m, const nlohmann::json& j) {
    auto p = partial_from_json(j);
    std::vector<status_counts> rows(m.units().size());
    std::vector<bool> seen(m.units().size(), false);
    for (std::size_t i = 0; i < p.units.size(); ++i) {
        auto u = m.find_unit(p.units[i]);
        if (!u) throw parse_error({}, "rollup: unknown unit " + p.units[i]);
        if (seen[index(*u)]) throw parse_error({}, "rollup: unit " + p.units[i] + " listed twice");
        seen[index(*u)] = true;
        rows[index(*u)] = p.counts[i];
    }
    for (std::size_t u = 0; u < seen.size(); ++u)
        if (!seen[u]) throw parse_error({}, "rollup: unit " + m.units()[u].key + " missing");
    return rows;
}

/// The rows of rollup_units(m, as_of, map) as a rollup document: "(unmapped)" first when the
/// model is dated, then the units on the map, parents before children. merge_partials takes the
/// units' part (it counts the unmapped row itself from the model).
template <class Model>
partial_rollup rollup_document(const Model& m, std::span<const status_counts> rows, date as_of, const unit_map& map) {
    if (rows.size() != map.rows() || map.rows() != m.units().size() + 1)
        throw error("rollup_document: " + std::to_string(rows.size()) + " rows for a map of " +
                    std::to_string(m.units().size()) + " units and the unmapped row");
    partial_rollup p{.as_of = as_of};
    if (m.dated()) {
        p.units.emplace_back(unmapped_key);
        p.counts.push_back(rows[index(map.unmapped())]);
    }
    for (unit_id u : map.tree().pre_order())
        if (map.on_map(u)) {
            p.units.push_back(m[u].key);
            p.counts.push_back(rows[index(u)]);
        }
    return p;
}

template <class Model>
nlohmann::json rollup_to_json(const Model& m, std::span<const status_counts> rows, date as_of, const unit_map& map) {
    return to_json(rollup_document(m, rows, as_of, map));
}

/// Rows as rollup_units(m, as_of, map) gives them from a document of rollup_to_json on that map;
/// throws parse_error for a unit the model does not have or that is off the map, for a row listed
/// twice, and for a unit of the map (or, in a dated model, "(unmapped)") missing.
template <class Model>
std::vector<status_counts> rollup_from_json(const Model& m, const nlohmann::json& j, const unit_map& map) {
    auto p = partial_from_json(j);
    std::vector<status_counts> rows(map.rows());
    std::vector<bool> seen(map.rows(), false);
    for (std::size_t i = 0; i < p.units.size(); ++i) {
        std::optional<unit_id> u = p.units[i] == unmapped_key ? std::optional(map.unmapped()) : m.find_unit(p.units[i]);
        if (!u) throw parse_error({}, "rollup: unknown unit " + p.units[i]);
        if (*u != map.unmapped() && !map.on_map(*u))
            throw parse_error({}, "rollup: unit " + p.units[i] + " is not on the map of " + format_date(map.day()));
        if (seen[index(*u)]) throw parse_error({}, "rollup: unit " + p.units[i] + " listed twice");
        seen[index(*u)] = true;
        rows[index(*u)] = p.counts[i];
    }
    for (unit_id u : report_rows(m, map))
        if (!seen[index(u)])
            throw parse_error({}, "rollup: " + (u == map.unmapped() ? std::string(unmapped_key) : "unit " + m[u].key) + " missing");
    return rows;
}

}  // namespace plangraph::io
