'use strict';

/**
 * A local osls plugin of the root serverless.yml (the local aggregate): it refuses `package` and
 * `deploy`. Every capability in one stack is more than CloudFormation's 500 resources, and the
 * deployable stacks are infra/serverless-compose.yml's (README › Deploying).
 */
class LocalOnly {
  constructor(serverless) {
    const refuse = () => {
      const ServerlessError = (serverless.classes && serverless.classes.Error) || Error;
      throw new ServerlessError(
        'The root serverless.yml is the local aggregate (serverless-offline) and is not deployed: ' +
          'package or deploy the stacks with `npm run package` / `npm run deploy -- --stage <stage>` (infra/serverless-compose.yml).',
      );
    };
    this.hooks = { 'before:package:initialize': refuse, 'before:deploy:deploy': refuse };
  }
}

module.exports = LocalOnly;
