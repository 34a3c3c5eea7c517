/** Runs a create call; an AlreadyExists (409), e.g. from an earlier attempt of a retry loop, counts as success. */
export async function createIfMissing(create: () => Promise<unknown>): Promise<void> {
  try {
    await create()
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err
  }
}
