// Interop formats: JSON (model and rollups), CSV of results, Graphviz DOT, iCalendar, MSPDI export.
// The round trips are the contract: CSV → model → JSON → model → CSV gives the same model and the
// same bytes; a schedule exported to MSPDI and imported again schedules to the same dates.
#include <plangraph/generate.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/dot.hpp>
#include <plangraph/io/ics.hpp>
#include <plangraph/io/json.hpp>
#include <plangraph/io/mspdi.hpp>
#include <plangraph/level.hpp>
#include <plangraph/rollup.hpp>
#include <plangraph/schedule.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>

using namespace plangraph;
using plangraph::test::slurp;
using plangraph::test::temp_dir;
namespace fs = std::filesystem;

namespace {

fs::path fixture() { return fs::path(PLANGRAPH_SOURCE_DIR) / "tests" / "data" / "valid"; }



std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

/// CSV directory → model → JSON text → model → CSV directory: the models are equal and every
/// file of the two directories has the same bytes.
void check_csv_json_csv(const fs::path& csv_dir, const std::string& name) {
    auto first = load_model_dir(csv_dir);
    auto json = io::write_model_json(first);
    auto second = io::read_model_json(json, name + ".json");
    CHECK(first == second);
    CHECK(io::write_model_json(second) == json);
    temp_dir back, again_dir;
    const auto& out = back.path;
    const auto& again = again_dir.path;
    write_model_dir(second, out);
    write_model_dir(first, again);
    for (auto f : {model_file::units, model_file::plans, model_file::tasks, model_file::links, model_file::indicators,
                   model_file::calendar}) {
        INFO(file_name(f));
        CHECK(slurp(out / file_name(f)) == slurp(again / file_name(f)));
    }
}

model small_generated(std::uint64_t seed) {
    generate_options o;
    o.seed = seed;
    o.provinces = 3;
    o.communes = 12;
    o.task_count = 400;
    o.central_indicators = 3;
    o.indicators_per_province = 3;
    o.indicators_per_commune = 1;
    return generate_model(o);
}

}  // namespace

// ---- JSON ---------------------------------------------------------------------------------------

TEST_CASE("io.json.round_trip.fixture_csv_json_csv") {
    check_csv_json_csv(fixture(), "fixture");
    auto m = load_model_dir(fixture());
    auto j = io::model_to_json(m);
    CHECK(j["units"][1]["attributes"]["region"] == "north");
    CHECK(j["tasks"][3]["constraint"] == "SNET");
    CHECK(j["tasks"][0]["start"] == "2025-07-01");
    CHECK(j["tasks"][1]["start"].is_null());
    CHECK(j["links"][2]["type"] == "SS");
    CHECK(j["indicators"][3]["period"]["begin"] == "2025-10-01");
}

TEST_CASE("io.json.round_trip.generated_models") {
    for (std::uint64_t seed : {1u, 57u}) {
        INFO("seed " << seed);
        temp_dir scratch;
        const auto& dir = scratch.path;
        write_model_dir(small_generated(seed), dir);
        check_csv_json_csv(dir, "generated_" + std::to_string(seed));
    }
}

TEST_CASE("io.json.round_trip.weekly_calendar_and_level_names") {
    model m;
    calendar cal(std::array<bool, 7>{false, true, true, true, true, true, true});  // Saturdays worked
    cal.set_exception(date(2025, 9, 2), false);
    m.set_calendar(cal);
    m.set_level_names({"nation", "region"});
    auto a = m.add_unit({.key = "N", .name = "Nation"});
    m.add_unit({.key = "R", .name = "Region", .parent = a});
    auto back = io::read_model_json(io::write_model_json(m));
    CHECK(back == m);
    CHECK(back.calendar().weekday_working(boost::date_time::Saturday));
    CHECK(back.level_name(make_id<unit_id>(1)) == "region");
}

TEST_CASE("io.json.errors.malformed_json_names_line_and_column") {
    CHECK_THROWS_WITH_AS(io::read_model_json("{\n  \"units\": [\n    {\"id\": \"A\",]\n}", "m.json"),
                         doctest::Contains("m.json:3:"), parse_error);
    CHECK_THROWS_WITH_AS(io::read_model_json("", "m.json"), doctest::Contains("not valid JSON"), parse_error);
}

TEST_CASE("io.json.errors.wrong_types_name_the_json_path") {
    auto read = [](const std::string& text) { return io::read_model_json(text, "m.json"); };
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A"}], "tasks": [{"id": "T", "unit": "A", "duration": "5"}]})"),
                         "m.json: /tasks/0/duration: expected an integer, got string", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A", "weight": true}]})"),
                         "m.json: /units/0/weight: expected a number, got boolean", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": {"id": "A"}})"), "m.json: /units: expected an array, got object",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"name": "no id"}]})"), "m.json: /units/0/id: missing", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A"}], "tasks": [{"id": "T", "unit": "A", "due": "2025-02-30"}]})"),
                         "m.json: /tasks/0/due: '2025-02-30' is not a date YYYY-MM-DD", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A"}], "tasks": [{"id": "T", "unit": "A"}, {"id": "U", "unit": "A"}],
                                  "links": [{"from": "T", "to": "U", "type": "XX"}]})"),
                         "m.json: /links/0/type: 'XX' is not one of FS, SS, FF, SF", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A", "duraton": 3}]})"), "m.json: /units/0/duraton: unknown field",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(R"([1, 2])"), "m.json: /: expected an object, got array", parse_error);
    // The fuzzer's find: a week without a working day loaded, then escaped schedule() as a bare error.
    CHECK_THROWS_WITH_AS(read(R"({"calendar": {"working_weekdays": []}, "units": [{"id": "A"}]})"),
                         "m.json: /calendar/working_weekdays: no weekday is working, so working days cannot be counted",
                         parse_error);
    model m;
    CHECK_THROWS_WITH_AS(m.set_calendar(calendar(std::array<bool, 7>{})),
                         "calendar: no weekday is working, so working days cannot be counted", model_error);
    CHECK(m.calendar().weekly()[1]);  // unchanged
    CHECK_THROWS_WITH_AS(read(R"({"format": "other"})"), "m.json: /format: 'other' is not a plangraph model", parse_error);
}

TEST_CASE("io.json.errors.invalid_utf8_refused_naming_where") {
    // In the text: refused before parsing, at its line and column.
    CHECK_THROWS_WITH_AS(io::read_model_json("{\"units\": [\n  {\"id\": \"A\", \"name\": \"Ro\xFFot\"}]}", "m.json"),
                         "m.json:2:26: not UTF-8 (byte 0xFF)", parse_error);
    // In a document built in memory: refused at its JSON path (nlohmann would throw only on output).
    io::model_json j = {{"units", {{{"id", "A"}, {"name", "ok"}, {"attributes", {{"note", "x\xC3"}}}}}}};
    CHECK_THROWS_WITH_AS(io::model_from_json(j, "m.json"), "m.json: /units/0/attributes/note: not UTF-8 (byte 0xC3)",
                         parse_error);
    j = {{"units", {{{"id", "A"}}}}, {"level_names", {"centre", "\xFF"}}};
    CHECK_THROWS_WITH_AS(io::model_from_json(j, "m.json"), "m.json: /level_names/1: not UTF-8 (byte 0xFF)", parse_error);
    j = {{"units", {{{"id", "A\x80"}}}}};
    CHECK_THROWS_WITH_AS(io::model_from_json(j, "m.json"), "m.json: /units/0/id: not UTF-8 (byte 0x80)", parse_error);
}

TEST_CASE("io.json.errors.integers_that_do_not_fit_and_dates_out_of_range") {
    auto read = [](const std::string& text) { return io::read_model_json(text, "m.json"); };
    const std::string unit = R"({"units": [{"id": "A"}], )";
    CHECK_THROWS_WITH_AS(read(unit + R"("tasks": [{"id": "T", "unit": "A", "duration": 10000000000}]})"),
                         "m.json: /tasks/0/duration: 10000000000 is out of range (-2147483648..2147483647)", parse_error);
    CHECK_THROWS_WITH_AS(read(unit + R"("tasks": [{"id": "T", "unit": "A"}, {"id": "U", "unit": "A"}],
                                        "links": [{"from": "T", "to": "U", "lag": 18446744073709551615}]})"),
                         "m.json: /links/0/lag: 18446744073709551615 is out of range (-2147483648..2147483647)",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"version": -9223372036854775808})"),
                         "m.json: /version: -9223372036854775808 is out of range (-2147483648..2147483647)", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"calendar": {"exceptions": [{"date": "1401-01-01", "working": false}]}})"),
                         "m.json: /calendar/exceptions/0/date: '1401-01-01' is out of range (1900-01-01..2199-12-31)",
                         parse_error);
    CHECK_THROWS_WITH_AS(read(unit + R"("plans": [{"id": "K", "unit": "A", "issued": "2200-01-01"}]})"),
                         "m.json: /plans/0/issued: '2200-01-01' is out of range (1900-01-01..2199-12-31)", parse_error);
    CHECK_THROWS_WITH_AS(read(unit + R"("indicators": [{"id": "I", "unit": "A", "period": "9999"}]})"),
                         "m.json: /indicators/0/period: out of range (1900-01-01..2199-12-31)", parse_error);
    CHECK_THROWS_WITH_AS(read(unit + R"("indicators": [{"id": "I", "unit": "A", "period": {"begin": "1899-12-01", "end": "1900-01-01"}}]})"),
                         "m.json: /indicators/0/period: out of range (1900-01-01..2199-12-31)", parse_error);
    CHECK_THROWS_WITH_AS(read(R"({"units": [{"id": "A", "weight": 1e400}]})"),
                         "m.json: not valid JSON: [json.exception.out_of_range.406] number overflow parsing '1e400'",
                         parse_error);
    // The largest int is handed over as it is: its bound is validation's, one for every format.
    auto m = read(unit + R"("tasks": [{"id": "T", "unit": "A", "duration": 5}], "calendar": {"exceptions": [
                                {"date": "2199-12-31", "working": true}, {"date": "1900-01-01", "working": false}]}})");
    CHECK(m.calendar().exceptions().size() == 2);
    CHECK(m.calendar().exceptions().front().first == date(1900, 1, 1));
}

TEST_CASE("io.json.errors.only_regular_files_are_read") {
    temp_dir dir;
    REQUIRE(::mkfifo((dir.path / "m.json").c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(io::load_model_json(dir.path / "m.json"), (dir.file("m.json") + ": is a FIFO, not a regular file").c_str(),
                         parse_error);
    CHECK_THROWS_WITH_AS(io::load_model_json(dir.path / "none.json"), (dir.file("none.json") + ": no such file").c_str(),
                         parse_error);
    CHECK_THROWS_WITH_AS(io::load_model_json(dir.path), (dir.str() + ": is a directory, not a regular file").c_str(),
                         parse_error);
}

TEST_CASE("io.json.write.text_that_is_not_utf8_is_an_error_not_a_bare_exception") {
    model m;
    m.add_unit({.key = "A", .name = "Ro\xFFot"});  // the API takes it; a writer must not throw bare
    CHECK_THROWS_AS(io::write_model_json(m), error);
}

TEST_CASE("io.json.errors.unknown_references_and_cycles_are_invalid_model") {
    const std::string text = R"({"units": [{"id": "A"}],
        "tasks": [{"id": "T", "unit": "ZZ"}, {"id": "U", "unit": "A", "parent": "NOPE"}, {"id": "V", "unit": "A", "percent": 150}],
        "links": [{"from": "U", "to": "V"}, {"from": "V", "to": "U"}]})";
    try {
        (void)io::read_model_json(text, "m.json");
        FAIL("no exception");
    } catch (const invalid_model& e) {
        std::vector<std::string> messages;
        for (const auto& p : e.problems()) messages.push_back(p.message);
        INFO(e.what());
        CHECK(std::count(messages.begin(), messages.end(), "task T: unknown unit ZZ in column unit") == 1);
        CHECK(std::count(messages.begin(), messages.end(), "task U: unknown task NOPE in column parent") == 1);
        CHECK(std::count(messages.begin(), messages.end(), "dependency cycle: U -> V -> U") == 1);
        CHECK(std::any_of(messages.begin(), messages.end(), [](const std::string& m) {
            return m.find("task V") != std::string::npos && m.find("percent") != std::string::npos;
        }));
    }
}

TEST_CASE("io.json.errors.leave_the_target_unchanged") {
    auto m = load_model_dir(fixture());
    const auto before = m;
    CHECK_THROWS_AS(m = io::read_model_json(R"({"units": [{"id": "A", "parent": "B"}]})"), invalid_model);
    CHECK_THROWS_AS(m = io::read_model_json(R"({"units": [{"id": 1}]})"), parse_error);
    CHECK(m == before);
}

TEST_CASE("io.json.rollup.rows_round_trip_by_unit_key") {
    auto m = load_model_dir(fixture());
    const date as_of(2025, 11, 15);
    auto rows = rollup_units(m, as_of);
    auto j = io::rollup_to_json(m, rows, as_of);
    CHECK(j["as_of"] == "2025-11-15");
    REQUIRE(j["units"].size() == m.units().size());
    CHECK(j["units"][0]["unit"] == "VN");  // parents first
    CHECK(io::rollup_from_json(m, j) == rows);
    CHECK(io::rollup_from_json(m, nlohmann::json::parse(io::write_partial(io::read_partial(j.dump())))) == rows);

    auto unknown = j;
    unknown["units"][2]["unit"] = "XX";
    CHECK_THROWS_WITH_AS(io::rollup_from_json(m, unknown), "rollup: unknown unit XX", parse_error);
    auto missing = j;
    missing["units"].erase(missing["units"].size() - 1);
    CHECK_THROWS_WITH_AS(io::rollup_from_json(m, missing), doctest::Contains("missing"), parse_error);
}

// ---- CSV of results -------------------------------------------------------------------------------

TEST_CASE("io.csv.rollup_rows") {
    auto m = load_model_dir(fixture());
    auto rows = rollup_units(m, date(2025, 11, 15));
    auto text = rollup_csv(m, rows);
    CHECK(count(text, "\n") == m.units().size() + 1);
    CHECK(text.rfind("unit,parent,name,level,total,done,done_on_time,done_late,in_progress,overdue,cancelled,"
                     "completion_rate,on_time_rate,weight,weight_done,weighted_completion,duration,duration_done,"
                     "percent_complete\n", 0) == 0);
    // Phường Sài Gòn: one recurring task in progress, nothing done: the on-time rate is absent.
    CHECK(text.find("\nHCM-SG,HCM,Phường Sài Gòn,commune,1,0,0,0,1,0,0,0,,") != std::string::npos);
    // Ba Đình's quoted name is written back quoted only when needed.
    CHECK(text.find("\nHN-BD,HN,Phường Ba Đình,commune,1,1,1,0,0,0,0,1,1,") != std::string::npos);
    CHECK_THROWS_AS(rollup_csv(m, std::span<const status_counts>(rows.data(), 2)), error);
}

TEST_CASE("io.csv.schedule_rows") {
    auto m = load_model_dir(fixture());
    auto r = schedule(m);
    auto text = schedule_csv(m, r);
    CHECK(text.rfind("id,name,unit,duration,early_start,early_finish,late_start,late_finish,start,finish,"
                     "total_slack,free_slack,critical,summary,due\n", 0) == 0);
    CHECK(count(text, "\n") == 1 + 7);  // T5 is cancelled: it takes no part
    CHECK(text.find("\nT5,") == std::string::npos);
    CHECK(text.find("\nT1,Issue the national guidance,VN,10,2025-07-01,2025-07-14,") != std::string::npos);
    CHECK(text.find("\"Hoàn Kiếm: publish \"\"one-stop\"\" portal\"") != std::string::npos);
}

// ---- DOT -------------------------------------------------------------------------------------------

TEST_CASE("io.dot.hierarchy_one_node_per_unit_one_edge_per_parent") {
    auto m = load_model_dir(fixture());
    auto text = io::hierarchy_dot(m);
    CHECK(text.rfind("digraph G {", 0) == 0);
    CHECK(count(text, "[label=") == m.units().size());
    CHECK(count(text, "->") == m.units().size() - 1);
    CHECK(text.find("0[label=\"VN\\nCentral Steering Committee\"") != std::string::npos);
    CHECK(text.find("0->1 ") != std::string::npos);  // VN is the parent of HN
}

TEST_CASE("io.dot.dependencies_escaped_and_critical_highlighted") {
    auto m = load_model_dir(fixture());
    auto plain = io::dependencies_dot(m);
    std::size_t nodes = 0, edges = 0;
    std::istringstream plain_lines(plain);
    for (std::string line; std::getline(plain_lines, line);) {
        if (line.find("->") != std::string::npos) ++edges;
        else if (line.find("[label=") != std::string::npos) ++nodes;
    }
    CHECK(nodes == m.tasks().size());
    CHECK(edges == m.links().size());
    CHECK(plain.find("\\\"one-stop\\\"") != std::string::npos);  // quotes in a name escaped
    CHECK(plain.find("label=\"FS+2\"") != std::string::npos);
    CHECK(plain.find("label=\"SF-1\"") != std::string::npos);
    CHECK(plain.find("style=dashed") != std::string::npos);  // T5 is cancelled
    CHECK(plain.find("color=red") == std::string::npos);

    auto r = schedule(m);
    auto critical = static_cast<std::size_t>(std::count_if(r.tasks.begin(), r.tasks.end(),
                                                           [](const task_schedule& s) { return s.scheduled && s.critical; }));
    REQUIRE(critical > 0);
    auto text = io::dependencies_dot(m, &r);
    CHECK(count(text, "color=red, penwidth=2]") + count(text, "color=red, penwidth=2,") >= critical);
    std::size_t red_nodes = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.find("->") == std::string::npos && line.find("color=red") != std::string::npos) ++red_nodes;
    CHECK(red_nodes == critical);

    CHECK(io::dot_quoted("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
}

// ---- iCalendar -------------------------------------------------------------------------------------

TEST_CASE("io.ics.one_event_per_due_task_escaped_folded_crlf") {
    auto m = load_model_dir(fixture());
    m.set_due(*m.find_task("T5"), date(2025, 12, 1));  // cancelled: still left out
    io::ics_options o;
    o.dtstamp = std::chrono::sys_days{std::chrono::year{2025} / 11 / 15} + std::chrono::hours{9};
    o.calendar_name = "Plan 02, deadlines";
    auto text = io::deadlines_ics(m, o);

    CHECK(text == io::deadlines_ics(m, o));  // deterministic with a DTSTAMP
    CHECK(count(text, "BEGIN:VEVENT\r\n") == 6);  // T1, T2, T2a, T2b, T3, T4; not T3a (no due), not T5
    CHECK(text.find("UID:task-T5@") == std::string::npos);
    CHECK(text.find("BEGIN:VEVENT\r\nUID:task-T1@plangraph\r\nDTSTAMP:20251115T090000Z\r\n"
                    "DTSTART;VALUE=DATE:20250731\r\nDTEND;VALUE=DATE:20250801\r\n") != std::string::npos);
    CHECK(text.find("X-WR-CALNAME:Plan 02\\, deadlines\r\n") != std::string::npos);
    CHECK(count(text, "\n") == count(text, "\r\n"));  // CRLF only
    CHECK(text.size() >= 2);
    CHECK(text.substr(text.size() - 15) == "END:VCALENDAR\r\n");

    // Every physical line fits in 75 octets and starts on a UTF-8 boundary.
    std::size_t from = 0, longest = 0;
    bool boundaries = true;
    while (from < text.size()) {
        auto end = text.find("\r\n", from);
        longest = std::max(longest, end - from);
        if (end + 2 < text.size() && (static_cast<unsigned char>(text[end + 2 + (text[end + 2] == ' ')]) & 0xC0) == 0x80)
            boundaries = false;
        from = end + 2;
    }
    CHECK(longest <= 75);
    CHECK(boundaries);
}

TEST_CASE("io.ics.escaping_and_folding_rules") {
    CHECK(io::ics_escape("a,b;c\\d\ne\r") == "a\\,b\\;c\\\\d\\ne");
    CHECK(io::ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
    std::string line = "SUMMARY:" + std::string(100, 'x');
    auto folded = io::ics_fold(line);
    CHECK(folded == "SUMMARY:" + std::string(67, 'x') + "\r\n " + std::string(33, 'x') + "\r\n");
    // "ệ" is three octets: a fold never cuts one.
    std::string viet = "SUMMARY:";
    for (int i = 0; i < 40; ++i) viet += "ệ";
    auto v = io::ics_fold(viet);
    std::string unfolded;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v.compare(i, 3, "\r\n ") == 0) { i += 2; continue; }
        if (v.compare(i, 2, "\r\n") == 0) break;
        unfolded += v[i];
    }
    CHECK(unfolded == viet);
    CHECK(v.find("\r\n") == 74);  // 8 + 22 × 3 = 74 octets: the 23rd "ệ" would not fit
    CHECK(count(v, "\r\n ") == 1);

    model m;
    auto u = m.add_unit({.key = "U", .name = "Unit"});
    m.add_task({.key = "K 1/é", .name = "Review, sign; file \\ archive\nthen report", .unit = u, .due = date(2025, 3, 31)});
    auto text = io::deadlines_ics(m);
    CHECK(text.find("SUMMARY:Review\\, sign\\; file \\\\ archive\\nthen report\r\n") != std::string::npos);
    CHECK(text.find("UID:task-K%201%2F%C3%A9@plangraph\r\n") != std::string::npos);
    CHECK(text.find("DTSTAMP:") != std::string::npos);  // now, when not given
}

// ---- MSPDI export ----------------------------------------------------------------------------------

namespace {

/// Exports the schedule of `m`, reads the file back, schedules it from the project's start and
/// compares every task with the original.
void check_mspdi_round_trip(const model& m, const std::string& name) {
    auto r = schedule(m);
    temp_dir scratch;  // unique per process: ctest runs these cases in parallel
    auto file = scratch.path / (name + ".xml");
    io::save_mspdi(m, r, file);
    auto p = io::read_mspdi(file);
    CHECK(p.warnings.empty());
    REQUIRE(p.tasks.tasks().size() == m.tasks().size());
    REQUIRE(p.start);
    CHECK(*p.start == r.start);
    auto again = schedule(p.tasks, {.start = p.start});
    std::size_t compared = 0;
    for (std::size_t i = 0; i < m.tasks().size(); ++i) {
        auto id = p.tasks.find_task(std::to_string(i + 1));
        REQUIRE(id);
        const auto& a = r.tasks[i];
        const auto& b = again[*id];
        INFO("task " << m.tasks()[i].key);
        CHECK(p.tasks[*id].cancelled == m.tasks()[i].cancelled);
        CHECK(a.scheduled == b.scheduled);
        if (!a.scheduled) continue;
        CHECK(a.summary == b.summary);
        CHECK(a.early_start == b.early_start);
        CHECK(a.early_finish == b.early_finish);
        CHECK(a.late_start == b.late_start);
        CHECK(a.late_finish == b.late_finish);
        CHECK(a.total_slack == b.total_slack);
        CHECK(a.free_slack == b.free_slack);
        CHECK(a.critical == b.critical);
        // What the file says MS Project computed is what plangraph computed, in MSPDI's units.
        CHECK(p.computed[index(*id)].total_slack == a.total_slack * 4800L);
        CHECK(p.computed[index(*id)].free_slack == a.free_slack * 4800L);
        CHECK(p.computed[index(*id)].critical == a.critical);
        ++compared;
    }
    CHECK(compared > 0);
    // Resources keep their order (UID = index + 1), name and capacity; demands their task, resource and amount.
    REQUIRE(p.tasks.resources().size() == m.resources().size());
    for (std::size_t i = 0; i < m.resources().size(); ++i) {
        const auto& a = m.resources()[i];
        const auto& b = p.tasks.resources()[i];
        CHECK(b.key == std::to_string(i + 1));
        CHECK(b.name == (a.name.empty() ? a.key : a.name));
        CHECK(b.capacity == a.capacity);
    }
    REQUIRE(p.tasks.demands().size() == m.demands().size());
    for (std::size_t k = 0; k < m.demands().size(); ++k) {
        const auto& a = m.demands()[k];
        const auto& b = p.tasks.demands()[k];
        CHECK(p.tasks[b.task].key == std::to_string(index(a.task) + 1));
        CHECK(index(b.resource) == index(a.resource));
        CHECK(b.amount == a.amount);
    }

    if (std::system("command -v xmllint > /dev/null 2>&1") != 0) {
        MESSAGE("xmllint not found: well-formedness of the MSPDI export not checked");
        return;
    }
    CHECK(std::system(("xmllint --noout '" + file.string() + "'").c_str()) == 0);
}

}  // namespace

TEST_CASE("io.mspdi.export_import_gives_the_same_schedule.fixture") {
    check_mspdi_round_trip(load_model_dir(fixture()), "fixture");
}

TEST_CASE("io.mspdi.export_import_gives_the_same_schedule.generated") {
    for (std::uint64_t seed : {3u, 57u}) {
        INFO("seed " << seed);
        check_mspdi_round_trip(small_generated(seed), "generated_" + std::to_string(seed));
    }
}

TEST_CASE("io.mspdi.export_import_keeps_resources_and_demands") {
    // Two officials and a team of three on a small plan, a cancelled task's demand kept, a
    // resource without a name written under its id.
    model m;
    auto u = m.add_unit({.key = "C", .name = "Commune"});
    const date monday(2025, 1, 6);
    auto a = m.add_task({.key = "A", .name = "Survey", .unit = u, .start = monday, .duration = 3});
    auto b = m.add_task({.key = "B", .name = "Report", .unit = u, .duration = 2});
    auto c = m.add_task({.key = "C", .name = "Install", .unit = u, .start = monday, .duration = 4});
    auto d = m.add_task({.key = "D", .name = "Dropped", .unit = u, .start = monday, .duration = 1, .cancelled = true});
    m.add_link({a, b, link_type::finish_to_start, 0});
    auto officials = m.add_resource({.key = "officials", .name = "Officials", .unit = u, .capacity = 2});
    auto team = m.add_resource({.key = "team", .capacity = 3});
    m.add_demand({a, officials, 2});
    m.add_demand({b, officials, 1});
    m.add_demand({c, team, 3});
    m.add_demand({c, officials, 1});
    m.add_demand({d, team, 1});
    check_mspdi_round_trip(m, "resources");
    auto xml = io::write_mspdi(m, schedule(m));
    CHECK(xml.find("<MaxUnits>2</MaxUnits>") != std::string::npos);
    CHECK(xml.find("<Group>C</Group>") != std::string::npos);
    CHECK(xml.find("<Work>PT48H0M0S</Work>") != std::string::npos);  // Survey: 3 d × 2 people × 8 h
    CHECK(count(xml, "<Assignment>") == 5);
    // And it levels the same: the officials cannot survey and install at once.
    auto p = io::parse_mspdi(xml, "resources.xml");
    CHECK(level(m, schedule(m)).span == 7);  // survey, then install beside the report: 3 + 4
    CHECK(level(p.tasks, schedule(p.tasks, {.start = p.start})).span == 7);
}

TEST_CASE("io.mspdi.export_units_lag_and_slack_in_tenths_of_minutes") {
    // A (2 d) -FS+2d-> B (1 d), beside C (10 d): B has 10 - (2 + 2 + 1) = 5 days of slack.
    model m;
    auto u = m.add_unit({.key = "P", .name = "Project <one> & \"two\""});
    const date monday(2025, 1, 6);
    auto a = m.add_task({.key = "A", .name = "A", .unit = u, .start = monday, .duration = 2});
    auto b = m.add_task({.key = "B", .name = "B", .unit = u, .duration = 1});
    m.add_task({.key = "C", .name = "C", .unit = u, .start = monday, .duration = 10});
    m.add_link({a, b, link_type::finish_to_start, 2});
    auto r = schedule(m);
    REQUIRE(r[b].total_slack == 5);
    auto xml = io::write_mspdi(m, r);
    CHECK(xml.find("<LinkLag>9600</LinkLag>") != std::string::npos);       // 2 d × 480 min × 10
    CHECK(xml.find("<TotalSlack>24000</TotalSlack>") != std::string::npos);  // 5 d
    CHECK(xml.find("<Duration>PT80H0M0S</Duration>") != std::string::npos);  // C: 10 d
    CHECK(xml.find("<MinutesPerDay>480</MinutesPerDay>") != std::string::npos);
    CHECK(xml.find("<Name>Project &lt;one&gt; &amp; &quot;two&quot;</Name>") != std::string::npos);
    CHECK(xml.find("<ConstraintType>4</ConstraintType>") != std::string::npos);  // A's start: SNET
    CHECK(xml.find("<StartDate>2025-01-06T08:00:00</StartDate>") != std::string::npos);
    CHECK(xml.find("<EarlyStart>2025-01-10T08:00:00</EarlyStart>") != std::string::npos);  // B: Mon + 2 d + 2 d lag
    CHECK(count(xml, "<Task>") == 3);
    CHECK(count(xml, "<PredecessorLink>") == 1);
    CHECK_THROWS_AS(io::write_mspdi(m, schedule_result{}), error);
    CHECK(io::xml_escape("a<b>&'\"\x01") == "a&lt;b&gt;&amp;&apos;&quot;");
}
