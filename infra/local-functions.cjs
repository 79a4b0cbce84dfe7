'use strict';

/**
 * The functions of every capability, for the local aggregate (root serverless.yml › functions), so
 * that one serverless-offline serves every route while each capability's own serverless.yml stays
 * the one place its functions are declared (and deployed, as its own stack).
 *
 * For each functions/<capability>/serverless.yml: its functions, with handlers made relative to the
 * project root, SECRET_NAMES from its custom.access (as infra/roles.cjs sets it when packaging), and
 * the events serverless-offline runs (httpApi, schedule). Stream events are left out: locally
 * scripts/lib/streams.ts polls DynamoDB Local's streams and calls the same handler.
 */

const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const yaml = require('yaml');

const FUNCTIONS_DIR = join(__dirname, '..', 'functions');

/** Short CloudFormation tags (in a capability's resources) parsed as plain values. */
const CFN_TAGS = ['Ref', 'GetAtt', 'Sub', 'If', 'Not', 'Equals', 'Join', 'Select', 'ImportValue'].flatMap((name) =>
  ['scalar', 'seq', 'map'].map((kind) => ({
    tag: `!${name}`,
    ...(kind === 'scalar' ? {} : { collection: kind }),
    resolve: (value) => ({ [name]: value && value.toJSON ? value.toJSON() : value }),
  })),
);

/** Every capability that has a service file: name → its parsed serverless.yml. */
function capabilityServices() {
  const out = {};
  for (const entry of readdirSync(FUNCTIONS_DIR, { withFileTypes: true })) {
    const file = join(FUNCTIONS_DIR, entry.name, 'serverless.yml');
    if (entry.isDirectory() && existsSync(file)) {
      out[entry.name] = yaml.parse(readFileSync(file, 'utf8'), { customTags: CFN_TAGS, logLevel: 'error' });
    }
  }
  return out;
}

/** The functions of every capability as the local aggregate serves them. */
function localFunctions() {
  const functions = {};
  for (const [capability, service] of Object.entries(capabilityServices())) {
    const access = (service.custom && service.custom.access) || {};
    for (const [name, fn] of Object.entries(service.functions || {})) {
      if (functions[name]) throw new Error(`infra/local-functions.cjs: function ${name} is declared by two capabilities`);
      const events = (fn.events || []).filter((event) => event.httpApi || event.schedule);
      functions[name] = {
        ...fn,
        handler: `functions/${capability}/${fn.handler}`,
        environment: { ...(fn.environment || {}), SECRET_NAMES: ((access[name] && access[name].secrets) || []).join(',') },
        events,
      };
    }
  }
  return functions;
}

module.exports = { capabilityServices, localFunctions, functions: () => localFunctions() };
