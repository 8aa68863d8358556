import { useUser } from '../hooks/use-users';

/** `name (email)` of a user id; the id itself until (or unless) the user can be read. */
export function UserLabel({ id }: { id: string }) {
  const user = useUser(id);
  return <>{user.data ? `${user.data.name} (${user.data.email})` : id}</>;
}
