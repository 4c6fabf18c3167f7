from doorstep.web import public
from doorstep.directory.api import OPENREFERRAL_PUBLIC_VIEWS
from tests import object_factories
from tests.directory.object_factories import DIRECTORY_OBJECT_FACTORIES, DIRECTORY_STATE_CHANGING

public.PUBLIC_VIEWS = public.PUBLIC_VIEWS | OPENREFERRAL_PUBLIC_VIEWS
object_factories.OBJECT_FACTORIES.update(DIRECTORY_OBJECT_FACTORIES)
object_factories.STATE_CHANGING.extend(DIRECTORY_STATE_CHANGING)
from tests.test_security_invariants import *  # noqa
