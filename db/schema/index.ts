export * from "./agencies";
export * from "./audit";
export * from "./reference";
export * from "./users";
export * from "./notices";
