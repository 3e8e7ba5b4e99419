import type { Server } from 'node:net'

function listenOn(server: Server, port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE') resolve(undefined)
      else reject(error)
    }
    const onListening = () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : undefined)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, '127.0.0.1')
  })
}

/**
 * Binds local mode's server on 127.0.0.1: to `PORT` exactly when it is set (`0`: any free port),
 * else to 8787, or to any free port when 8787 is taken, so a second `npm start` runs beside the
 * first. Answers the port it got.
 */
export async function listen(server: Server, portSetting: string | undefined, preferred = 8787) {
  const port =
    portSetting === undefined
      ? ((await listenOn(server, preferred)) ?? (await listenOn(server, 0)))
      : await listenOn(server, Number(portSetting))
  if (port === undefined)
    throw new Error(`port ${portSetting ?? preferred} is in use: set PORT to another, or 0`)
  return port
}
