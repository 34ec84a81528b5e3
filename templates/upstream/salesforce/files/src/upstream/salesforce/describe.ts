import { pathOf } from '../http/safe-path.js';
import type { UpstreamCallContext, UpstreamClient } from '../http/upstream-client.js';
import { descriptionOf, summariesOf, type SObjectDescription, type SObjectSummary } from './describe-shape.js';
import { sObjectName } from './names.js';

export type { FieldDescription, SObjectDescription, SObjectSummary } from './describe-shape.js';

/** What the org holds: its objects and their fields (the REST API's describe resources). */
export interface SObjectDescribe {
  /** Every object the signed-in user can see. */
  sobjects(context: UpstreamCallContext): Promise<SObjectSummary[]>;
  /** One object's fields and relationships. */
  sobject(name: string, context: UpstreamCallContext): Promise<SObjectDescription>;
}

export function sObjectDescribe(client: UpstreamClient): SObjectDescribe {
  return {
    async sobjects(context) {
      const { body } = await client.request({ method: 'GET', path: pathOf('sobjects') }, context);
      return summariesOf(body);
    },
    async sobject(name, context) {
      const { body } = await client.request({ method: 'GET', path: pathOf('sobjects', sObjectName(name), 'describe') }, context);
      return descriptionOf(body);
    },
  };
}
