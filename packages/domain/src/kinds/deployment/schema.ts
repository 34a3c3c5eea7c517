import { z } from 'zod';
import { baseFields } from '../shared/base-fields.ts';
import { applyPortShorthand, checkContainer, containerFields, podFields, probeFields } from '../shared/container.ts';
import { intField } from '../shared/numbers.ts';

export const deploymentFields = {
  ...baseFields(),
  ...containerFields,
  replicas: intField(0).default(1),
  ...probeFields,
  ...podFields,
};

export const deploymentDataSchema = z
  .strictObject(deploymentFields)
  .superRefine(checkContainer)
  .transform(applyPortShorthand);

export type DeploymentData = z.output<typeof deploymentDataSchema>;
