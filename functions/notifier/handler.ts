// The notifier's Lambda entry (being built: see the notifications issue). It will take the table's
// stream batches, the webhook retry queue's messages, the digest schedule and SES's events.
export const handler = async (_event: unknown): Promise<void> => {
  throw new Error('the notifier is not built yet')
}
