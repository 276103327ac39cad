// Colours and shapes shared by every view: predicates (edges, bars), actor types (nodes), event types (dots).
export const PREDICATE_COLOURS = {
  member_of: "#1f77b4", leader_of: "#9467bd", allied_with: "#2ca02c", rival_of: "#d62728",
  affiliated_with: "#17becf", controls: "#8c564b", left: "#ff7f0e", split_from: "#e377c2",
  merged_into: "#7f7f7f", renamed_to: "#bcbd22",
};
export const STATE_PREDICATES = ["member_of", "leader_of", "allied_with", "rival_of", "affiliated_with", "controls"];
export const CHANGE_PREDICATES = ["left", "split_from", "merged_into", "renamed_to"];
export const DIRECTED = new Set(["member_of", "leader_of", "affiliated_with", "controls", "left", "split_from",
  "merged_into", "renamed_to"]);

export const TYPE_STYLE = {
  coalition: { colour: "#1f3b73", shape: "hexagon" }, armed_group: { colour: "#c0392b", shape: "ellipse" },
  political_group: { colour: "#8e44ad", shape: "round-rectangle" }, state: { colour: "#2c3e50", shape: "rectangle" },
  state_force: { colour: "#34495e", shape: "diamond" }, international_org: { colour: "#16a085", shape: "star" },
  person: { colour: "#d68910", shape: "triangle" }, population: { colour: "#7f8c8d", shape: "barrel" },
  place: { colour: "#27ae60", shape: "vee" }, other: { colour: "#95a5a6", shape: "ellipse" },
};

export const EVENT_COLOURS = {
  battle: "#d62728", attack: "#ff7f0e", assassination: "#8c0000", remote_violence: "#9467bd",
  violence_against_civilians: "#e377c2", protest: "#2ca02c", riot: "#bcbd22", military_buildup: "#7f7f7f",
  mediation: "#17becf", agreement: "#1f77b4", arrest: "#8c564b", statement: "#aec7e8", territory_change: "#ffbb78",
  formation: "#98df8a", defection: "#ff9896", merger: "#c5b0d5", split: "#c49c94",
};
export const colourOf = (table, key) => table[key] || "#999";
