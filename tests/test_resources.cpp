// Resources and demands in the model (resource.hpp): read from CSV and JSON, every rule reported
// at once with its place and ids, written back, and the model's mutations that would break them.
#include "support.hpp"

#include <plangraph/plangraph.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/io/json.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace plangraph;
using plangraph::test::temp_dir;

namespace {

const std::string units_csv = "id,parent,name\nX,,Commune\n";
// S is a summary of A; M a milestone; C cancelled.
const std::string tasks_csv =
    "id,unit,name,parent,duration,status\n"
    "S,X,Summary,,,\n"
    "A,X,Survey,S,5,\n"
    "B,X,Report,,3,\n"
    "M,X,Approved,,,\n"
    "C,X,Dropped,,2,cancelled\n";
const std::string resources_csv = "id,capacity,name,unit\nOFF,3,Officials,X\nIT,1,,\n";

/// Lines joined, so that a failed check shows them.
std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

std::string messages(const std::vector<problem>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(to_string(p));
    return joined(out);
}

}  // namespace

TEST_CASE("resources.csv.read_and_build") {
    temp_dir dir{{"units.csv", units_csv},
                 {"tasks.csv", tasks_csv},
                 {"resources.csv", resources_csv},
                 {"demands.csv", "task,resource,amount\nA,OFF,2\nB,OFF,3\nB,IT,1\nC,IT,9\n"}};
    auto m = load_model_dir(dir.path);
    REQUIRE(m.resources().size() == 2);
    auto off = *m.find_resource("OFF");
    CHECK(m[off].capacity == 3);
    CHECK(m[off].name == "Officials");
    CHECK(m[off].unit == *m.find_unit("X"));
    CHECK(is_none(m[*m.find_resource("IT")].unit));
    REQUIRE(m.demands().size() == 4);
    CHECK(m.demands()[1] == demand{*m.find_task("B"), off, 3});
    // A cancelled task's demand is kept (it is written back) but not held to the rules of running.
    CHECK(m.demands()[3].amount == 9);
}

TEST_CASE("resources.csv.every_bad_demand_is_reported_at_once_with_its_place") {
    temp_dir dir{{"units.csv", units_csv},
                 {"tasks.csv", tasks_csv},
                 {"resources.csv", resources_csv + "BAD,1.5,,\nNEG,-2,,\nR9,,,NOWHERE\n"},
                 {"demands.csv",
                  "task,resource,amount\n"
                  "Z,OFF,1\n"
                  "A,NONE,1\n"
                  "A,OFF,-1\n"
                  "B,OFF,1.5\n"
                  "B,OFF,4\n"
                  "S,OFF,1\n"
                  "M,OFF,1\n"
                  "B,IT,1\n"
                  "B,IT,1\n"}};
    auto f = [&](const char* name) { return dir.path.string() + "/" + name; };
    auto ps = validate(read_model_dir(dir.path));
    CHECK(messages(ps) == joined({
                             f("resources.csv") + ":6:2: missing value in column capacity (expected a whole number)",
                             f("resources.csv") + ":4:2: resource BAD: capacity 1.5 is not a whole number",
                             f("resources.csv") + ":5:2: resource NEG: capacity is negative (-2)",
                             f("demands.csv") + ":2:1: demand of task Z on resource OFF: unknown task Z in column task",
                             f("demands.csv") + ":3:2: demand of task A on resource NONE: unknown resource NONE in column resource",
                             f("demands.csv") + ":4:3: demand of task A on resource OFF: amount is negative (-1)",
                             f("demands.csv") + ":5:3: demand of task B on resource OFF: amount 1.5 is not a whole number",
                             f("demands.csv") + ":6:1: demand of task B on resource OFF listed twice (first on line 5)",
                             f("demands.csv") + ":7:1: demand of task S on resource OFF: task S is a summary task, which demands nothing",
                             f("demands.csv") + ":8:1: demand of task M on resource OFF: task M is a milestone, which demands nothing",
                             f("demands.csv") + ":10:1: demand of task B on resource IT listed twice (first on line 9)",
                         }));
    CHECK(ps[3].ids == std::vector<std::string>{"Z"});
    CHECK(ps[6].ids == std::vector<std::string>{"B", "OFF"});
    CHECK(ps[6].kind == problem_kind::invalid_value);
    CHECK(ps[7].kind == problem_kind::duplicate_id);
    CHECK_THROWS_AS(load_model_dir(dir.path), invalid_model);
}

TEST_CASE("resources.csv.amount_above_capacity_and_capacity_out_of_range") {
    temp_dir dir{{"units.csv", units_csv},
                 {"tasks.csv", tasks_csv},
                 {"resources.csv", "id,capacity,unit\nOFF,3,NOWHERE\nBIG,1000001,\n"},
                 {"demands.csv", "task,resource,amount\nB,OFF,4\n"}};
    auto f = [&](const char* name) { return dir.path.string() + "/" + name; };
    CHECK(messages(validate(read_model_dir(dir.path))) ==
          joined({
              f("resources.csv") + ":2:3: resource OFF: unknown unit NOWHERE in column unit",
              f("resources.csv") + ":3:2: resource BIG: capacity 1000001 is outside 0..1000000",
              f("demands.csv") + ":2:3: demand of task B on resource OFF: amount 4 is above the capacity 3 of resource OFF",
          }));
}

TEST_CASE("resources.csv.bad_cells_name_the_demand") {
    temp_dir dir{{"units.csv", units_csv},
                 {"tasks.csv", tasks_csv},
                 {"resources.csv", resources_csv},
                 {"demands.csv", "task,resource,amount\nB,OFF,two\n"}};
    CHECK(messages(validate(read_model_dir(dir.path))) ==
          joined({dir.path.string() +
                                   "/demands.csv:2:3: bad number 'two' in column amount of demand of task B on resource OFF"}));
}

TEST_CASE("resources.write.round_trip_in_csv_and_json_and_absent_without_resources") {
    temp_dir dir{{"units.csv", units_csv},
                 {"tasks.csv", tasks_csv},
                 {"resources.csv", resources_csv},
                 {"demands.csv", "task,resource,amount\nA,OFF,2\nB,IT,1\n"}};
    auto m = load_model_dir(dir.path);
    temp_dir out;
    write_model_dir(m, out.path / "copy");
    CHECK(load_model_dir(out.path / "copy") == m);
    CHECK(detail::read_file(out.path / "copy" / "resources.csv") == "id,capacity,name,unit\nOFF,3,Officials,X\nIT,1,,\n");
    CHECK(detail::read_file(out.path / "copy" / "demands.csv") == "task,resource,amount\nA,OFF,2\nB,IT,1\n");
    auto json = io::write_model_json(m);
    CHECK(io::read_model_json(json) == m);
    CHECK(json.find("\"demands\"") != std::string::npos);

    // Without resources nothing changes: no file, no JSON key, and a stale file is removed.
    temp_dir plain{{"units.csv", units_csv}, {"tasks.csv", tasks_csv}};
    auto p = load_model_dir(plain.path);
    write_model_dir(p, out.path / "copy");
    CHECK(!std::filesystem::exists(out.path / "copy" / "resources.csv"));
    CHECK(!std::filesystem::exists(out.path / "copy" / "demands.csv"));
    CHECK(io::write_model_json(p).find("resources") == std::string::npos);
}

TEST_CASE("resources.json.bad_demands_are_reported_like_csv_ones") {
    temp_dir dir{{"units.csv", units_csv}, {"tasks.csv", tasks_csv}};
    auto doc = io::model_to_json(load_model_dir(dir.path));
    doc["resources"] = {{{"id", "OFF"}, {"capacity", 2}}};
    doc["demands"] = {{{"task", "B"}, {"resource", "OFF"}, {"amount", 2.5}}, {{"task", "M"}, {"resource", "OFF"}, {"amount", 1}}};
    CHECK_THROWS_WITH_AS(io::model_from_json(doc),
                         "2 problems\n  demand of task B on resource OFF: amount 2.5 is not a whole number\n"
                         "  demand of task M on resource OFF: task M is a milestone, which demands nothing",
                         invalid_model);
    doc["demands"] = {{{"task", "B"}, {"resource", "OFF"}}};
    CHECK_THROWS_WITH_AS(io::model_from_json(doc, "m.json"), "m.json: /demands/0/amount: missing", parse_error);
}

TEST_CASE("resources.model.mutations_keep_the_rules") {
    model m;
    auto x = m.add_unit({.key = "X"});
    auto s = m.add_task({.key = "S", .unit = x});
    auto a = m.add_task({.key = "A", .unit = x, .duration = 2});
    auto off = m.add_resource({.key = "OFF", .capacity = 2});
    CHECK_THROWS_WITH_AS(m.add_resource({.key = "OFF", .capacity = 1}), "duplicate resource id OFF", model_error);
    CHECK_THROWS_WITH_AS(m.add_resource({.key = "NEG", .capacity = -1}), "resource NEG: capacity is negative (-1)", model_error);
    CHECK_THROWS_WITH_AS(m.add_demand({a, off, 3}), "demand of task A on resource OFF: amount 3 is above the capacity 2 of resource OFF",
                         model_error);
    CHECK_THROWS_WITH_AS(m.add_demand({s, off, 1}), "demand of task S on resource OFF: task S is a milestone, which demands nothing",
                         model_error);
    m.add_demand({a, off, 2});
    CHECK_THROWS_WITH_AS(m.add_demand({a, off, 1}), "demand of task A on resource OFF is already in the model", model_error);
    // A task that uses resources cannot become a milestone or a summary task.
    CHECK_THROWS_WITH_AS(m.set_duration(a, 0), "demand of task A on resource OFF: task A is a milestone, which demands nothing",
                         model_error);
    CHECK(m[a].duration == 2);
    CHECK_THROWS_WITH_AS(m.add_task({.key = "A1", .unit = x, .parent = a}),
                         "task A1: parent task A demands resources, and a summary task demands nothing", model_error);
    CHECK(m.tasks().size() == 2);
    m.set_cancelled(a, true);
    CHECK(m[a].cancelled);
}
