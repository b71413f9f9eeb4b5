#!/usr/bin/env node
// A committed launcher: npm links a bin at install time only if the file exists then, and dist/ is built afterwards.
import "../dist/main.js";
