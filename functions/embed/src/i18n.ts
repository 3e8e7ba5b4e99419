// The widget's words: each key lists its text in every language it speaks, in the order of
// LANGUAGES, so a translator sees one phrase in all six side by side and the compiler refuses a
// missing one. `#` stands for a number or a name.

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]
type Texts = readonly [en: string, de: string, fr: string, es: string, pt: string, ja: string]

export const WORDS = {
  comments: ['Comments', 'Kommentare', 'Commentaires', 'Comentarios', 'Comentários', 'コメント'],
  count1: ['# comment', '# Kommentar', '# commentaire', '# comentario', '# comentário', 'コメント #件'],
  count: ['# comments', '# Kommentare', '# commentaires', '# comentarios', '# comentários', 'コメント #件'],
  empty: [
    'No comments yet.',
    'Noch keine Kommentare.',
    'Aucun commentaire pour l’instant.',
    'Todavía no hay comentarios.',
    'Ainda não há comentários.',
    'まだコメントはありません。',
  ],
  loading: [
    'Loading comments…',
    'Kommentare werden geladen…',
    'Chargement des commentaires…',
    'Cargando comentarios…',
    'Carregando comentários…',
    'コメントを読み込んでいます…',
  ],
  loadFailed: [
    'Comments could not be loaded.',
    'Die Kommentare konnten nicht geladen werden.',
    'Les commentaires n’ont pas pu être chargés.',
    'No se pudieron cargar los comentarios.',
    'Não foi possível carregar os comentários.',
    'コメントを読み込めませんでした。',
  ],
  retry: ['Try again', 'Erneut versuchen', 'Réessayer', 'Reintentar', 'Tentar novamente', '再試行'],
  sort: [
    'Sort comments',
    'Kommentare sortieren',
    'Trier les commentaires',
    'Ordenar comentarios',
    'Ordenar comentários',
    'コメントの並び順',
  ],
  oldest: ['Oldest', 'Älteste', 'Plus anciens', 'Más antiguos', 'Mais antigos', '古い順'],
  newest: ['Newest', 'Neueste', 'Plus récents', 'Más recientes', 'Mais recentes', '新しい順'],
  more: [
    'Show more comments',
    'Weitere Kommentare anzeigen',
    'Afficher plus de commentaires',
    'Mostrar más comentarios',
    'Mostrar mais comentários',
    'さらにコメントを表示',
  ],
  replies1: [
    'Show 1 more reply',
    '1 weitere Antwort anzeigen',
    'Afficher 1 autre réponse',
    'Mostrar 1 respuesta más',
    'Mostrar mais 1 resposta',
    '返信をあと1件表示',
  ],
  replies: [
    'Show # more replies',
    '# weitere Antworten anzeigen',
    'Afficher # autres réponses',
    'Mostrar # respuestas más',
    'Mostrar mais # respostas',
    '返信をあと#件表示',
  ],
  reply: ['Reply', 'Antworten', 'Répondre', 'Responder', 'Responder', '返信'],
  replyTo: ['Reply to #', 'Antwort an #', 'Réponse à #', 'Respuesta a #', 'Resposta a #', '#さんへの返信'],
  edit: ['Edit', 'Bearbeiten', 'Modifier', 'Editar', 'Editar', '編集'],
  del: ['Delete', 'Löschen', 'Supprimer', 'Eliminar', 'Excluir', '削除'],
  confirmDel: [
    'Delete this comment?',
    'Diesen Kommentar löschen?',
    'Supprimer ce commentaire ?',
    '¿Eliminar este comentario?',
    'Excluir este comentário?',
    'このコメントを削除しますか？',
  ],
  save: ['Save', 'Speichern', 'Enregistrer', 'Guardar', 'Salvar', '保存'],
  cancel: ['Cancel', 'Abbrechen', 'Annuler', 'Cancelar', 'Cancelar', 'キャンセル'],
  deleted: [
    'This comment was deleted.',
    'Dieser Kommentar wurde gelöscht.',
    'Ce commentaire a été supprimé.',
    'Este comentario fue eliminado.',
    'Este comentário foi excluído.',
    'このコメントは削除されました。',
  ],
  edited: ['edited', 'bearbeitet', 'modifié', 'editado', 'editado', '編集済み'],
  pinned: ['Pinned', 'Angeheftet', 'Épinglé', 'Fijado', 'Fixado', 'ピン留め'],
  moderator: ['Moderator', 'Moderation', 'Modération', 'Moderación', 'Moderação', 'モデレーター'],
  awaiting: [
    'Awaiting moderation',
    'Wartet auf Freigabe',
    'En attente de modération',
    'Pendiente de moderación',
    'Aguardando moderação',
    '承認待ち',
  ],
  pending: [
    'Your comment is awaiting moderation.',
    'Dein Kommentar wartet auf Freigabe.',
    'Votre commentaire est en attente de modération.',
    'Tu comentario está pendiente de moderación.',
    'Seu comentário está aguardando moderação.',
    'コメントは承認待ちです。',
  ],
  published: [
    'Your comment is published.',
    'Dein Kommentar ist veröffentlicht.',
    'Votre commentaire est publié.',
    'Tu comentario está publicado.',
    'Seu comentário foi publicado.',
    'コメントを公開しました。',
  ],
  saved: [
    'Your comment is saved.',
    'Dein Kommentar ist gespeichert.',
    'Votre commentaire est enregistré.',
    'Tu comentario está guardado.',
    'Seu comentário foi salvo.',
    'コメントを保存しました。',
  ],
  removed: [
    'Your comment is deleted.',
    'Dein Kommentar ist gelöscht.',
    'Votre commentaire est supprimé.',
    'Tu comentario está eliminado.',
    'Seu comentário foi excluído.',
    'コメントを削除しました。',
  ],
  leave: [
    'Leave a comment',
    'Kommentar schreiben',
    'Laisser un commentaire',
    'Deja un comentario',
    'Deixe um comentário',
    'コメントを書く',
  ],
  comment: ['Comment', 'Kommentar', 'Commentaire', 'Comentario', 'Comentário', 'コメント'],
  name: ['Name', 'Name', 'Nom', 'Nombre', 'Nome', '名前'],
  email: ['Email', 'E-Mail', 'E-mail', 'Correo electrónico', 'E-mail', 'メールアドレス'],
  website: ['Website', 'Website', 'Site web', 'Sitio web', 'Site', 'ウェブサイト'],
  optional: ['(optional)', '(optional)', '(facultatif)', '(opcional)', '(opcional)', '（任意）'],
  private: [
    '(never shown)',
    '(wird nie angezeigt)',
    '(jamais affiché)',
    '(nunca se muestra)',
    '(nunca exibido)',
    '（公開されません）',
  ],
  privateOptional: [
    '(optional, never shown)',
    '(optional, wird nie angezeigt)',
    '(facultatif, jamais affiché)',
    '(opcional, nunca se muestra)',
    '(opcional, nunca exibido)',
    '（任意・公開されません）',
  ],
  hint: [
    'Markdown: **bold**, *italic*, `code`, [link](https://…)',
    'Markdown: **fett**, *kursiv*, `Code`, [Link](https://…)',
    'Markdown : **gras**, *italique*, `code`, [lien](https://…)',
    'Markdown: **negrita**, *cursiva*, `código`, [enlace](https://…)',
    'Markdown: **negrito**, *itálico*, `código`, [link](https://…)',
    'Markdown: **太字**、*斜体*、`コード`、[リンク](https://…)',
  ],
  preview: ['Preview', 'Vorschau', 'Aperçu', 'Vista previa', 'Pré-visualizar', 'プレビュー'],
  post: [
    'Post comment',
    'Kommentar senden',
    'Publier le commentaire',
    'Publicar comentario',
    'Publicar comentário',
    'コメントを投稿',
  ],
  posting: ['Posting…', 'Wird gesendet…', 'Publication…', 'Publicando…', 'Publicando…', '投稿しています…'],
  signIn: [
    'Sign in with #',
    'Mit # anmelden',
    'Se connecter avec #',
    'Iniciar sesión con #',
    'Entrar com #',
    '#でログイン',
  ],
  signedIn: [
    'Signed in as #',
    'Angemeldet als #',
    'Connecté en tant que #',
    'Sesión iniciada como #',
    'Conectado como #',
    '#としてログイン中',
  ],
  logOut: ['Log out', 'Abmelden', 'Se déconnecter', 'Cerrar sesión', 'Sair', 'ログアウト'],
  signInFirst: [
    'Sign in to comment.',
    'Melde dich an, um zu kommentieren.',
    'Connectez-vous pour commenter.',
    'Inicia sesión para comentar.',
    'Entre para comentar.',
    'コメントするにはログインしてください。',
  ],
  required: [
    'Please fill in this field.',
    'Bitte fülle dieses Feld aus.',
    'Veuillez remplir ce champ.',
    'Rellena este campo.',
    'Preencha este campo.',
    'この項目を入力してください。',
  ],
  offline: [
    'Could not reach the comment service. Try again.',
    'Der Kommentardienst ist nicht erreichbar. Versuche es erneut.',
    'Le service de commentaires est injoignable. Réessayez.',
    'No se pudo conectar con el servicio de comentarios. Inténtalo de nuevo.',
    'Não foi possível acessar o serviço de comentários. Tente novamente.',
    'コメントサービスに接続できません。もう一度お試しください。',
  ],
  failed: [
    'Something went wrong (HTTP #).',
    'Etwas ist schiefgegangen (HTTP #).',
    'Une erreur est survenue (HTTP #).',
    'Algo salió mal (HTTP #).',
    'Algo deu errado (HTTP #).',
    '問題が発生しました（HTTP #）。',
  ],
  blocked: [
    'Allow pop-ups to sign in.',
    'Erlaube Pop-ups, um dich anzumelden.',
    'Autorisez les pop-ups pour vous connecter.',
    'Permite las ventanas emergentes para iniciar sesión.',
    'Permita pop-ups para entrar.',
    'ログインするにはポップアップを許可してください。',
  ],
  signedOut: [
    'You are signed out.',
    'Du bist abgemeldet.',
    'Vous êtes déconnecté.',
    'Has cerrado sesión.',
    'Você saiu.',
    'ログアウトしました。',
  ],
} satisfies Record<string, Texts>

export type Key = keyof typeof WORDS

/** The language to speak: `data-lang` if we speak it, else the browser's first one we speak, else English. */
export function pickLanguage(wanted: string | undefined, browser: readonly string[]): Language {
  for (const tag of [wanted, ...browser]) {
    const base = tag?.toLowerCase().split('-')[0]
    const found = LANGUAGES.find((lang) => lang === base)
    if (found) return found
  }
  return 'en'
}

export type Translate = (key: Key, value?: string | number) => string

/** `t('count', 3)` → "3 comments"; plural keys end in `1` for the singular. */
export function translator(lang: string): Translate {
  const index = Math.max(0, LANGUAGES.indexOf(lang as Language))
  return (key, value) => (WORDS[key][index] ?? WORDS[key][0]).replace('#', String(value ?? ''))
}
