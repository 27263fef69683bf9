#pragma once
// `plangraph check --model DIR`: reads and validates a model directory, prints every problem as
// `file:line:col: message` (one per line, on stderr: they are errors) and a summary (on stdout). Exit 0 when there is none, 1 when
// there are problems, 2 when the directory cannot be read.
#include "cli.hpp"

#include <plangraph/io/csv.hpp>
#include <plangraph/validate.hpp>

#include <iostream>

namespace plangraph::cli {

inline int run_check(const options& opts) {
    auto dir = opts.require("model");
    opts.reject_unknown();
    model_draft draft;
    try {
        draft = read_model_dir(dir);
    } catch (const parse_error& e) {
        throw usage_error(e.what());
    }
    auto problems = validate(draft);
    for (const auto& p : problems) std::cerr << to_string(p) << '\n';  // errors go to stderr (DESIGN.md)
    if (!problems.empty()) {
        std::cout << problems.size() << (problems.size() == 1 ? " problem" : " problems") << " in " << dir << '\n';
        return model_problems;
    }
    std::cout << "ok: " << draft.units.size() << " units, " << draft.plans.size() << " plans, "
              << draft.tasks.size() << " tasks, " << draft.links.size() << " links, "
              << draft.indicators.size() << " indicators\n";
    return success;
}

}  // namespace plangraph::cli
