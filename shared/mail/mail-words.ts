import type { Language } from '../languages.js'
import { TRANSLATIONS } from './mail-translations.js'

/**
 * Every word Parley's mails and mail-link pages say, in one language. `{name}`-style slots are
 * filled by {@link fill}; what fills them is escaped by whoever renders it.
 */
export interface MailWords {
  confirmSubject: string
  confirmIntro: string
  confirmAction: string
  confirmIgnore: string
  replySubject: string
  replyIntro: string
  replyYours: string
  replyAction: string
  moderatorSubjectHeld: string
  moderatorSubjectNew: string
  moderatorIntro: string
  heldBecause: string
  approve: string
  reject: string
  spam: string
  digestSubjectOne: string
  digestSubjectMany: string
  digestIntroHourly: string
  digestIntroDaily: string
  footerReplies: string
  footerModeration: string
  unsubscribe: string
  someone: string
  pageConfirmText: string
  pageConfirmDone: string
  pageUnsubscribeReplies: string
  pageUnsubscribeModeration: string
  pageUnsubscribeDone: string
  pageModerateText: string
  pageApproved: string
  pageRejected: string
  pageSpam: string
  signInSubject: string
  signInIntro: string
  signInExpiry: string
  signInIgnore: string
  footerSignIn: string
}

export const ENGLISH: MailWords = {
  confirmSubject: 'Confirm reply notifications on {site}',
  confirmIntro: 'Someone, hopefully you, asked to be told by e-mail of replies to this comment on {site}:',
  confirmAction: 'Yes, e-mail me replies',
  confirmIgnore: 'If it was not you, ignore this mail: you will get no other.',
  replySubject: '{name} replied to your comment on {site}',
  replyIntro: '{name} replied to your comment on {site}:',
  replyYours: 'Your comment',
  replyAction: 'Read the reply',
  moderatorSubjectHeld: 'A comment awaits moderation on {site}',
  moderatorSubjectNew: 'New comment on {site}',
  moderatorIntro: '{name} commented on {page}:',
  heldBecause: 'Held because: {reasons}',
  approve: 'Approve',
  reject: 'Reject',
  spam: 'Spam',
  digestSubjectOne: '1 new comment on {site}',
  digestSubjectMany: '{count} new comments on {site}',
  digestIntroHourly: 'Comments of the last hour on {site}:',
  digestIntroDaily: 'Comments of the last day on {site}:',
  footerReplies: 'You get this mail because you asked for replies to your comments on {site}.',
  footerModeration: 'You get this mail because you moderate {site}.',
  unsubscribe: 'Unsubscribe',
  someone: 'Someone',
  pageConfirmText: 'Get an e-mail when someone replies to your comments on {site}?',
  pageConfirmDone: 'Done: replies to your comments on {site} will be mailed to you.',
  pageUnsubscribeReplies: 'Stop e-mails about replies to your comments on {site}?',
  pageUnsubscribeModeration: 'Stop moderation e-mails from {site}?',
  pageUnsubscribeDone: 'Done: you will get no more of these e-mails from {site}.',
  pageModerateText: 'This comment by {name} on {site}:',
  pageApproved: 'Done: the comment is published.',
  pageRejected: 'Done: the comment is rejected.',
  pageSpam: 'Done: the comment is marked as spam.',
  signInSubject: 'Your sign-in code for {site}',
  signInIntro: 'Enter this code to sign in to {site}:',
  signInExpiry: 'It works once, for 10 minutes. Nobody from {site} will ever ask you for it.',
  signInIgnore:
    'If you did not ask to sign in, ignore this mail: without the code nobody can sign in as you.',
  footerSignIn: 'You get this mail because someone asked to sign in to {site} with this address.',
}

/** The words of a site's language. */
export const mailWords = (language: Language): MailWords =>
  language === 'en' ? ENGLISH : TRANSLATIONS[language]

/** A template with its `{slots}` filled; a slot without a value stays as written. */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot)
