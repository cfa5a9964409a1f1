#!/usr/bin/env node
// `npx adops …`: registers tsx, then runs the TypeScript CLI unbuilt.
import { register } from "tsx/esm/api";

register();
await import("../adops.ts");
